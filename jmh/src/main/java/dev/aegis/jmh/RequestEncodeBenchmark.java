package dev.aegis.jmh;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.credential.Credential;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.aws.internal.SigV4Signer;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.Quirks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding a typical request (system prompt, three turns, a tool call and its result, one tool
 * definition) to the OpenAI and Anthropic wire formats, and signing a Bedrock Converse request
 * with SigV4 (canonical request, string to sign, HMAC chain with the cached daily key).
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar RequestEncodeBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestEncodeBenchmark {
  private ChatRequest request;
  private ChatCompletionsCodec openai;
  private SigV4Signer signer;
  private Credential.AwsCredentials credentials;
  private byte[] bedrockBody;
  private Instant now;

  @Setup
  public void setUp() {
    request = ChatRequest.builder().model("smart")
        .addMessage(Message.system("You are a concise assistant for a travel company."))
        .addMessage(Message.user("What's the weather in Paris, and should I pack an umbrella?"))
        .addMessage(Message.assistant(List.of(ToolCall.of("call_1", "get_weather", "{\"city\":\"Paris\"}"))))
        .addMessage(Message.tool("call_1", "{\"temperature\":14,\"conditions\":\"light rain\"}"))
        .addMessage(Message.user("Thanks. Answer in two sentences."))
        .addTool(Tool.function("get_weather", "Current weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .temperature(0.3)
        .maxTokens(256)
        .build();
    openai = new ChatCompletionsCodec(Quirks.OPENAI);
    signer = new SigV4Signer("us-east-1", "bedrock");
    credentials = new Credential.AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null);
    bedrockBody = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}".getBytes(StandardCharsets.UTF_8);
    now = Instant.parse("2026-11-22T10:00:00Z");
  }

  @Benchmark
  public byte[] openaiEncode() {
    return openai.encodeBytes(request, "gpt-4.1-mini", Map.of(), false);
  }

  @Benchmark
  public byte[] anthropicEncode() {
    return Json.bytes(AnthropicCodec.encode(request, "claude-sonnet-4-5", Map.of(),
        new AnthropicCodec.Settings(4096, false), false));
  }

  @Benchmark
  public SigV4Signer.Signature sigV4Sign() {
    return signer.sign("POST", "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", "",
        List.of(new SigV4Signer.Header("content-type", "application/json"),
            new SigV4Signer.Header("host", "bedrock-runtime.us-east-1.amazonaws.com"),
            new SigV4Signer.Header("x-amz-date", SigV4Signer.amzDate(now))),
        SigV4Signer.sha256Hex(bedrockBody), credentials, now, true);
  }
}
