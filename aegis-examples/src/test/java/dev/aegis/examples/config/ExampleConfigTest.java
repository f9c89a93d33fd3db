package dev.aegis.examples.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.config.SecretResolver;
import dev.aegis.core.Gateway;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.examples.ConfigFileExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code examples/aegis.yaml} (every feature) loads and builds; the config-file example routes through its file. */
class ExampleConfigTest {

  /** Stands in for the environment: every variable the file names, with a fake value. */
  static final class FakeEnv implements SecretResolver {
    @Override
    public String scheme() {
      return "env";
    }

    @Override
    public @Nullable String resolve(String name) {
      return name.endsWith("_API_KEY") || name.startsWith("AWS_") ? "test-" + name.toLowerCase(java.util.Locale.ROOT) : null;
    }
  }

  @Test
  void theFullExampleLoadsBuildsAndServesItsMockRoute() {
    GatewayConfig config = GatewayConfig.loader().secrets(new FakeEnv()).load(Path.of("..", "examples", "aegis.yaml"));
    assertThat(config.settings().objectMap("providers").keySet()).containsExactly("openai", "azure", "anthropic",
        "gemini", "bedrock", "groq", "mistral", "deepseek", "xai", "vllm", "ollama", "mock");
    assertThat(config.settings().objectMap("routes").keySet()).containsExactly("smart", "private", "fast", "cheap",
        "hedged", "embed", "test");
    try (Gateway g = Gateway.builder().config(config).build()) {
      String d = g.describe();
      assertThat(d).contains(
          "provider azure type=azure-openai baseUrl=null local=false credentials=set headers=[] "
              + "options={apiVersion=2024-10-21, deployment=gpt-4o-prod, resource=my-resource} tags=[eu]",
          "provider bedrock type=bedrock baseUrl=null local=false credentials=none headers=[] "
              + "options={accessKeyId=****, region=eu-west-1, secretAccessKey=****} tags=[]",
          "route private = conditional branches=2[{ollama/llama3.1 -> ollama/llama3.1",
          "route hedged = hedged delay=PT0.4S[",
          "plugin guardrails (GuardrailPlugin)", "cache cache (ResponseCache)",
          "virtualKeys InMemoryKeyStore",
          "limit RateLimit[name=user.concurrent, scope=USER, kind=CONCURRENT, amount=8, per=PT0S]",
          "budget Budget[name=tenant-monthly, scope=TENANT, amount=500, currency=USD, period=MONTHLY, "
              + "zone=Europe/Berlin]",
          "loadShedding maxInFlight=512 retryAfter=PT2S",
          "prices prices[openai/my-finetune] then built-in",
          "timeouts request=PT2M streamIdle=PT1M closeGrace=PT15S");
      assertThat(d).doesNotContain("test-openai_api_key", "test-aws_access_key_id", "test-aws_secret_access_key");
      String key = g.virtualKeys().issue(VirtualKey.builder().tenant("acme").build()).secret();
      assertThat(g.route(ChatRequest.builder().model("test").addMessage(Message.user("hello")).build(),
          RequestOptions.builder().credential(key).build()).text()).isEqualTo("a canned answer");
    }
  }

  @Test
  void theConfigFileExampleFallsBackThenAnswersFromTheCache() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConfigFileExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        Path.of("..", "examples", "config-gateway.yaml"));
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "== loaded config-gateway.yaml ==",
        "routes: [smart]",
        "answer 1: Hello from the steady provider.",
        "-> target=steady attempts=2, cache=MISS",
        "answer 2: Hello from the steady provider.",
        "-> from the cache, cache=HIT");
  }
}
