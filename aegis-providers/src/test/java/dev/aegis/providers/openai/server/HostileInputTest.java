package dev.aegis.providers.openai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Hostile request bodies at the endpoint: each is refused with the OpenAI error shape and the
 * gateway's own words (no parser class, no library text), or handled whole. Bounds stated by the
 * test: bodies up to the endpoint's {@code maxBodyBytes} (here 4 MiB, 16 MiB by default; the
 * bindings refuse larger ones with 413 before reading them, {@code BindingContract}), JSON nesting
 * to {@value dev.aegis.providers.internal.Json#MAX_NESTING_DEPTH} levels, numbers to
 * {@value dev.aegis.providers.internal.Json#MAX_NUMBER_LENGTH} digits.
 */
class HostileInputTest {
  private final FakeGateway gateway = new FakeGateway();
  private final OpenAiEndpoint endpoint = OpenAiEndpoint.builder(gateway)
      .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
      .requestIds(() -> "gen-1")
      .blockingExecutor(Runnable::run)
      .maxBodyBytes(4 << 20)
      .build();

  HostileInputTest() {
    gateway.chat = r -> CompletableFuture.completedFuture(ChatResponse.builder().id("chatcmpl-1").model("m")
        .created(1).addChoice(Choice.of(0, Message.assistant("ok"), FinishReason.STOP)).usage(Usage.of(1, 1)).build());
  }

  private RecordingResponse post(byte[] body) {
    RecordingResponse response = new RecordingResponse();
    endpoint.handle(ServerRequest.of("POST", "/v1/chat/completions", Map.of(), body), response);
    return response;
  }

  private RecordingResponse post(String body) {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String invalid(String message, String param) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":"
        + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":\"invalid_request\"}}";
  }

  private static String withMessages(String messages) {
    return "{\"model\":\"smart\",\"messages\":[" + messages + "]}";
  }

  @Test
  void jsonNestedDeeperThanTheLimitIsRefusedInTheGatewaysWords() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"x\":"
        + deep + "}");

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo(invalid("the request body is beyond the gateway's JSON limits (nesting 500 levels"
        + " deep, numbers of 1000 digits, names of 50000 characters)", null));
    assertThat(gateway.requests).isEmpty();
  }

  @Test
  void aToolSchemaNestedWithinTheLimitIsHandled() {
    String schema = "{\"a\":".repeat(400) + "{}" + "}".repeat(400);
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":" + schema + "}}]}");

    assertThat(res.status).isEqualTo(200);
    assertThat(gateway.requests.get(0).tools().get(0).parameters()).isEqualTo(schema);
  }

  @Test
  void aNumberLongerThanTheLimitIsRefused() {
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"temperature\":" + "1".repeat(1001) + "}");

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).startsWith("{\"error\":{\"message\":\"the request body is beyond the gateway's JSON limits");
  }

  @Test
  void aNumberTooLargeForItsFieldIsRefusedNamingTheField() {
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"max_tokens\":99999999999,\"seed\":1}");

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo(invalid("'max_tokens' must be at most 2147483647 but was 99999999999", "max_tokens"));
  }

  @Test
  void aNegativeIntegerBeyondSixtyFourBitsIsRefusedNamingTheField() {
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"seed\":-99999999999999999999}");

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo(invalid("'seed' must be at least -9223372036854775808 but was -99999999999999999999",
        "seed"));
  }

  @Test
  void aSeedKeepsAllSixtyFourBits() {
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"seed\":9007199254740993}");

    assertThat(res.status).isEqualTo(200);
    assertThat(gateway.requests.get(0).seed()).isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void invalidUtf8IsRefusedAsSuch() {
    byte[] body = withMessages("{\"role\":\"user\",\"content\":\"caf\u00e9\"}").getBytes(StandardCharsets.UTF_8);
    int e = indexOf(body, (byte) 0xc3);
    body[e + 1] = (byte) 0x28; // a lead byte followed by ASCII: not UTF-8

    RecordingResponse res = post(body);

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo(invalid("the request body is not valid UTF-8", null));
  }

  @Test
  void aRawNullByteIsInvalidJsonButAnEscapedOneIsText() {
    RecordingResponse raw = post(withMessages("{\"role\":\"user\",\"content\":\"a\u0000b\"}"));
    assertThat(raw.status).isEqualTo(400);
    assertThat(raw.body()).isEqualTo(invalid("invalid JSON at line 1, column 57 in the request body", null));

    RecordingResponse escaped = post(withMessages("{\"role\":\"user\",\"content\":\"a\\u0000b\"}"));
    assertThat(escaped.status).isEqualTo(200);
    assertThat(gateway.requests).containsExactly(ChatRequest.builder().model("smart")
        .addMessage(Message.user("a\u0000b")).build());
  }

  @Test
  void tenThousandMessagesAndTwoThousandToolsAreHandled() {
    StringBuilder body = new StringBuilder("{\"model\":\"smart\",\"messages\":[");
    for (int i = 0; i < 10_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m").append(i).append("\"}");
    }
    body.append("],\"tools\":[");
    for (int i = 0; i < 2_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"type\":\"function\",\"function\":{\"name\":\"t").append(i)
          .append("\",\"parameters\":{\"type\":\"object\"}}}");
    }
    RecordingResponse res = post(body.append("]}").toString());

    assertThat(res.status).isEqualTo(200);
    ChatRequest got = gateway.requests.get(0);
    assertThat(got.messages()).hasSize(10_000);
    assertThat(got.messages().get(9_999)).isEqualTo(Message.user("m9999"));
    assertThat(got.tools()).hasSize(2_000);
    assertThat(got.tools().get(1_999).name()).isEqualTo("t1999");
  }

  @Test
  void aHugeMessageWithinTheBodyLimitIsHandledWhole() {
    String text = "x".repeat(3 << 20);
    RecordingResponse res = post(withMessages("{\"role\":\"user\",\"content\":\"" + text + "\"}"));

    assertThat(res.status).isEqualTo(200);
    assertThat(gateway.requests.get(0).messages().get(0)).isEqualTo(Message.user(text));
  }

  @Test
  void aBlankToolNameIsRefusedNamingTheTool() {
    RecordingResponse res = post("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"\"}}]}");

    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo(invalid("'tools[0]' is invalid: name must not be blank", "tools[0]"));
  }

  private static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
    throw new AssertionError("absent");
  }
}
