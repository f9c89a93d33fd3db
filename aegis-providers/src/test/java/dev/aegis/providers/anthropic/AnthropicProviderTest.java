package dev.aegis.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.Fixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic request mapping details, options and recorded error answers. */
class AnthropicProviderTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AnthropicProvider provider(Map<String, String> options) {
    return new AnthropicProvider(ProviderConfig.builder("claude", "anthropic").baseUrl(server.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("sk-ant-x")).header("anthropic-beta", "prompt-caching-2024-07-31")
        .options(options).build());
  }

  @Test
  void recordedErrorAnswers() throws Exception {
    String[] files = {"test_anthropic_count_tokens_error.yaml", "test_anthropic_explicit_effort_xhigh_unsupported_model_errors.yaml"};
    for (String f : files) {
      var it = Fixtures.interactions("anthropic/" + f).get(0);
      server.enqueue(new MockResponse.Builder().code(Fixtures.status(it)).addHeader("content-type", "application/json")
          .body(new String(Fixtures.responseBody(it))).build());
      assertThatThrownBy(() -> provider(Map.of()).chat(ChatRequest.builder().addMessage(Message.user("hi")).build(),
          ProviderCall.builder().model("m").build()))
          .isInstanceOfSatisfying(ProviderInvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(Fixtures.status(it));
            assertThat(e.error().type()).isIn("not_found_error", "invalid_request_error");
            assertThat(e.error().requestId()).startsWith("req_011C");
          });
    }
    server.enqueue(new MockResponse.Builder().code(529).body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}").build());
    assertThatThrownBy(() -> provider(Map.of()).chat(ChatRequest.builder().addMessage(Message.user("hi")).build(),
        ProviderCall.builder().model("m").build()))
        .isInstanceOfSatisfying(ProviderServerException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void everyRequestFeatureOnTheWire() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text("anthropic/anthropic-text.json")).build());
    ChatRequest r = ChatRequest.builder()
        .addMessage(Message.system("one")).addMessage(Message.developer("two"))
        .addMessage(Message.user("a")).addMessage(Message.user("b"))
        .addMessage(Message.builder(Role.USER).addPart(ContentPart.image("https://x.test/cat.png")).build())
        .addMessage(Message.assistant(List.of(ToolCall.of("t1", "f", "{\"x\":1}"), ToolCall.of("t2", "f", "{\"x\":2}"))))
        .addMessage(Message.tool("t1", "r1")).addMessage(Message.tool("t2", "r2")).addMessage(Message.user("next"))
        .addTool(Tool.function("f", "does f", "{\"type\":\"object\"}"))
        .toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false)
        .stop(List.of("END")).temperature(0.3).topP(0.8).topK(5).reasoningEffort("low").user("u-1")
        .extra("metadata", Map.of("user_id", "override"))
        .build();
    provider(Map.of("cacheSystemPrompt", "true", "maxTokens", "512", "version", "2024-01-01"))
        .chat(r, ProviderCall.builder().model("claude-x").params(Map.of("service_tier", "auto")).headers(Map.of("x-trace", "1")).build());
    RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(rec.getHeaders().get("anthropic-version")).isEqualTo("2024-01-01");
    assertThat(rec.getHeaders().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
    assertThat(rec.getHeaders().get("x-trace")).isEqualTo("1");
    assertThat(rec.getBody().utf8()).isEqualTo("{\"model\":\"claude-x\",\"max_tokens\":1536,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x.test/cat.png\"}}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{\"x\":1}},"
        + "{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"f\",\"input\":{\"x\":2}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"r1\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"t2\",\"content\":\"r2\"},{\"type\":\"text\",\"text\":\"next\"}]}],"
        + "\"stop_sequences\":[\"END\"],\"temperature\":0.3,\"top_p\":0.8,\"top_k\":5,"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},"
        + "\"tools\":[{\"name\":\"f\",\"description\":\"does f\",\"input_schema\":{\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true},"
        + "\"metadata\":{\"user_id\":\"override\"},\"service_tier\":\"auto\"}");
  }

  @Test
  void toolChoiceModes() {
    ChatRequest base = ChatRequest.builder().addMessage(Message.user("q")).addTool(Tool.function("f", null, "{}")).build();
    AnthropicCodec.Settings s = new AnthropicCodec.Settings(10, false);
    assertThat(Json.text(AnthropicCodec.encode(base.toBuilder().toolChoice(ToolChoice.AUTO).build(), "m", Map.of(), s, false).get("tool_choice")))
        .isEqualTo("{\"type\":\"auto\"}");
    assertThat(Json.text(AnthropicCodec.encode(base.toBuilder().toolChoice(ToolChoice.NONE).build(), "m", Map.of(), s, false).get("tool_choice")))
        .isEqualTo("{\"type\":\"none\"}");
    assertThat(Json.text(AnthropicCodec.encode(base.toBuilder().toolChoice(ToolChoice.function("f")).build(), "m", Map.of(), s, false).get("tool_choice")))
        .isEqualTo("{\"type\":\"tool\",\"name\":\"f\"}");
  }

  @Test
  void invalidOptionsAreReportedWithPaths() {
    assertThatThrownBy(() -> provider(Map.of("maxTokens", "lots", "colour", "red")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigException.Problem::path)
            .containsExactlyInAnyOrder("providers.claude.options.maxTokens", "providers.claude.options.colour"));
    assertThat(provider(Map.of()).toString()).doesNotContain("sk-ant-x");
  }

  @Test
  void serviceLoaderFindsAllThreeFactories() {
    // on the module path the looking-up module declares the use, as aegis-core would
    getClass().getModule().addUses(dev.aegis.api.provider.ProviderFactory.class);
    var types = new java.util.ArrayList<String>();
    java.util.ServiceLoader.load(dev.aegis.api.provider.ProviderFactory.class).forEach(f -> types.add(f.type()));
    assertThat(types).contains("anthropic", "gemini", "bedrock");
  }

  @Test
  void aShortDeadlineEndsAHangingCall() {
    server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.MINUTES).body("").build());
    assertThatThrownBy(() -> provider(Map.of()).chat(ChatRequest.builder().addMessage(Message.user("q")).build(),
        ProviderCall.builder().model("m").timeout(Duration.ofMillis(200)).build()))
        .isInstanceOf(ProviderServerException.class);
  }
}
