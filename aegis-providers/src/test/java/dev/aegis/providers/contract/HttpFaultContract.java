package dev.aegis.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The fault table of the contract kit: every HTTP adapter meets the same broken answers — an
 * empty 200, an HTML 200, truncated JSON, invalid UTF-8, a body over the limit, a connection cut
 * mid-body — whole and streamed (before and after the first event), and must report each one the
 * same way: a retryable {@link ProviderServerException} with the status that arrived, the typed
 * {@link ProviderErrorCode}, the gateway's own words (never a library class name or parser
 * position) and the library's exception kept as the cause.
 *
 * <p>Implemented by the kit's HTTP bases, so each adapter's contract test runs it.
 */
public interface HttpFaultContract {

  /** How an adapter's stream is framed, so the kit can wrap a broken payload as one event. */
  enum Framing {
    SSE("text/event-stream", "stream event"),
    NDJSON("application/x-ndjson", "stream line"),
    EVENT_STREAM("application/vnd.amazon.eventstream", "stream event");

    final String contentType;
    final String unit;

    Framing(String contentType, String unit) {
      this.contentType = contentType;
      this.unit = unit;
    }

    /** One event carrying {@code payload} (for SSE, a {@code data:} line; for Bedrock, a binary frame). */
    public byte[] frame(byte[] payload) {
      switch (this) {
        case SSE: return concat("data: ".getBytes(StandardCharsets.UTF_8), payload, "\n\n".getBytes(StandardCharsets.UTF_8));
        case NDJSON: return concat(payload, new byte[] {'\n'});
        default: return eventFrame("contentBlockDelta", payload);
      }
    }

    /** The detail the adapter reports for an HTML page where its stream should be. */
    String notAStream(String html) {
      switch (this) {
        case SSE: return "the body is not an event stream (content type text/html): \"" + html + '"';
        case NDJSON: return "a stream line is not valid JSON (content type text/html): \"" + html + '"';
        default: return "the event stream is malformed: Prelude checksum mismatch (content type text/html)";
      }
    }

    /** The excerpt of a broken payload as the adapter's message shows it (SSE shows the whole line). */
    String excerpt(String payloadText) {
      return this == SSE ? "\"data: " + payloadText + '"' : '"' + payloadText + '"';
    }
  }

  /** A Bedrock event-stream frame ({@code :message-type event}) with this event type and payload. */
  static byte[] eventFrame(String eventType, byte[] payload) {
    Buffer headers = new Buffer();
    header(headers, ":event-type", eventType);
    header(headers, ":content-type", "application/json");
    header(headers, ":message-type", "event");
    byte[] h = headers.readByteArray();
    Buffer frame = new Buffer().writeInt(16 + h.length + payload.length).writeInt(h.length);
    CRC32 crc = new CRC32();
    crc.update(frame.snapshot().toByteArray());
    frame.writeInt((int) crc.getValue()).write(h).write(payload);
    crc.reset();
    crc.update(frame.snapshot().toByteArray());
    return frame.writeInt((int) crc.getValue()).readByteArray();
  }

  private static void header(Buffer b, String name, String value) {
    b.writeByte(name.length()).writeUtf8(name).writeByte(7).writeShort(value.length()).writeUtf8(value);
  }

  static byte[] concat(byte[]... parts) {
    Buffer b = new Buffer();
    for (byte[] p : parts) b.write(p);
    return b.readByteArray();
  }

  // ---------------------------------------------------------------- what an adapter supplies

  /** The mock server the adapter talks to. */
  MockWebServer faultServer();

  /** A new adapter instance at the mock server with these options added to its configuration. */
  Provider faultProvider(Map<String, String> options) throws Exception;

  /** How the adapter's stream is framed. */
  Framing framing();

  /** The opening of a healthy stream, up to and including its first text delta. */
  byte[] firstStreamEvents();

  /** The text the adapter emits for {@link #firstStreamEvents()}. */
  default String firstStreamText() {
    return "Hi";
  }

  // ---------------------------------------------------------------- the table

  String HTML = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  String TRUNCATED = "{\"id\":\"x\",\"choices\":[{\"index\":0,";
  byte[] INVALID_UTF8 = concat("{\"text\":\"caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28},
      "\"}".getBytes(StandardCharsets.UTF_8));
  String INVALID_UTF8_SHOWN = "{\"text\":\"caf\uFFFD(\"}";

  @Test
  default void faultEmpty200() throws Exception {
    enqueue(200, "application/json", new byte[0]);
    assertChatFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "the body is empty (content type application/json)", false);
  }

  @Test
  default void faultHtml200() throws Exception {
    enqueue(200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
    assertChatFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "the body is not JSON (content type text/html): \"" + HTML + '"', true);
  }

  @Test
  default void faultTruncatedJson() throws Exception {
    enqueue(200, "application/json", TRUNCATED.getBytes(StandardCharsets.UTF_8));
    assertChatFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "the body is not valid JSON (content type application/json): \"" + TRUNCATED + '"', true);
  }

  @Test
  default void faultInvalidUtf8() throws Exception {
    enqueue(200, "application/json", INVALID_UTF8);
    assertChatFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "the body is not valid UTF-8 (content type application/json): \"" + INVALID_UTF8_SHOWN + '"', false);
  }

  @Test
  default void faultOversizedBody() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8);
    enqueue(200, "application/json", body);
    Provider p = faultProvider(Map.of("maxResponseBytes", "256"));
    assertFails(p, () -> p.chat(request(), call()), ProviderErrorCode.RESPONSE_TOO_LARGE, "response_too_large",
        "the body is larger than the limit of 256 bytes (" + body.length + " bytes declared); reading stopped", false);
  }

  /** Without a Content-Length the read itself stops at the limit. */
  @Test
  default void faultOversizedChunkedBody() throws Exception {
    String body = "{\"pad\":\"" + "x".repeat(20_000) + "\"}";
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .chunkedBody(body, 512).build());
    Provider p = faultProvider(Map.of("maxResponseBytes", "1KiB"));
    assertFails(p, () -> p.chat(request(), call()), ProviderErrorCode.RESPONSE_TOO_LARGE, "response_too_large",
        "the body is larger than the limit of 1024 bytes (more than 1024 bytes sent); reading stopped", false);
  }

  @Test
  default void faultConnectionCutMidBody() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .body(new Buffer().write(body)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertChatFails(ProviderErrorCode.RESPONSE_TRUNCATED, "response_truncated",
        "the connection closed before the body ended: body cut after " + body.length / 2 + " bytes", true);
  }

  // streams, before the first event

  @Test
  default void streamFaultEmpty200() throws Exception {
    enqueue(200, framing().contentType, new byte[0]);
    assertStreamFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "the body is empty (content type " + framing().contentType + ")", "", Map.of());
  }

  @Test
  default void streamFaultHtml200() throws Exception {
    enqueue(200, "text/html", HTML.getBytes(StandardCharsets.UTF_8));
    assertStreamFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response", framing().notAStream(HTML), "", Map.of());
  }

  @Test
  default void streamFaultTruncatedJson() throws Exception {
    streamFault(false, TRUNCATED.getBytes(StandardCharsets.UTF_8), ProviderErrorCode.INVALID_RESPONSE,
        "invalid_response", "a " + framing().unit + " is not valid JSON (content type " + framing().contentType + "): "
            + (framing() == Framing.SSE ? '"' + TRUNCATED + '"' : framing().excerpt(TRUNCATED)));
  }

  @Test
  default void streamFaultInvalidUtf8() throws Exception {
    streamFault(false, INVALID_UTF8, ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "a " + framing().unit + " is not valid UTF-8 (content type " + framing().contentType + "): "
            + framing().excerpt(INVALID_UTF8_SHOWN));
  }

  @Test
  default void streamFaultOversizedEvent() throws Exception {
    streamFault(false, ("{\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8),
        ProviderErrorCode.RESPONSE_TOO_LARGE, "response_too_large",
        "one " + framing().unit + " is larger than the limit of 1024 bytes");
  }

  /** The whole-body limit holds for streams too: the read that crosses it fails, nothing past it is read. */
  @Test
  default void streamFaultOversizedBody() throws Exception {
    byte[] event = framing().frame("{\"pad\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    byte[] body = firstStreamEvents();
    while (body.length < 4096) body = concat(body, event);
    enqueue(200, framing().contentType, body);
    long limit = firstStreamEvents().length + 16;
    assertStreamFails(ProviderErrorCode.RESPONSE_TOO_LARGE, "response_too_large",
        "the body is larger than the limit of " + limit + " bytes; reading stopped", "",
        Map.of("maxResponseBytes", Long.toString(limit)), false);
  }

  @Test
  default void streamFaultConnectionCut() throws Exception {
    streamCut(false);
  }

  // streams, after the first event

  @Test
  default void streamFaultHtmlAfterFirstEvent() throws Exception {
    enqueue(200, framing().contentType, concat(firstStreamEvents(), (HTML + "\n").getBytes(StandardCharsets.UTF_8)));
    String detail = framing() == Framing.EVENT_STREAM
        ? "the event stream is malformed: Prelude checksum mismatch (content type " + framing().contentType + ")"
        : framing().notAStream(HTML).replace("text/html", framing().contentType);
    assertStreamFails(ProviderErrorCode.INVALID_RESPONSE, "invalid_response", detail, firstStreamText(), Map.of());
  }

  @Test
  default void streamFaultTruncatedJsonAfterFirstEvent() throws Exception {
    streamFault(true, TRUNCATED.getBytes(StandardCharsets.UTF_8), ProviderErrorCode.INVALID_RESPONSE,
        "invalid_response", "a " + framing().unit + " is not valid JSON (content type " + framing().contentType + "): "
            + (framing() == Framing.SSE ? '"' + TRUNCATED + '"' : framing().excerpt(TRUNCATED)));
  }

  @Test
  default void streamFaultInvalidUtf8AfterFirstEvent() throws Exception {
    streamFault(true, INVALID_UTF8, ProviderErrorCode.INVALID_RESPONSE, "invalid_response",
        "a " + framing().unit + " is not valid UTF-8 (content type " + framing().contentType + "): "
            + framing().excerpt(INVALID_UTF8_SHOWN));
  }

  @Test
  default void streamFaultOversizedEventAfterFirstEvent() throws Exception {
    streamFault(true, ("{\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8),
        ProviderErrorCode.RESPONSE_TOO_LARGE, "response_too_large",
        "one " + framing().unit + " is larger than the limit of 1024 bytes");
  }

  @Test
  default void streamFaultConnectionCutAfterFirstEvent() throws Exception {
    streamCut(true);
  }

  // ---------------------------------------------------------------- plumbing

  private static ChatRequest request() {
    return ChatRequest.builder().model("alias").addMessage(Message.user("hi")).build();
  }

  private static ProviderCall call() {
    return ProviderCall.builder().model("test-model").timeout(Duration.ofSeconds(30)).build();
  }

  private void enqueue(int status, String contentType, byte[] body) {
    faultServer().enqueue(new MockResponse.Builder().code(status).addHeader("content-type", contentType)
        .body(new Buffer().write(body)).build());
  }

  private void streamFault(boolean afterFirst, byte[] payload, ProviderErrorCode reason, String code, String detail)
      throws Exception {
    byte[] body = afterFirst ? concat(firstStreamEvents(), framing().frame(payload)) : framing().frame(payload);
    enqueue(200, framing().contentType, body);
    assertStreamFails(reason, code, detail, afterFirst ? firstStreamText() : "", Map.of("maxEventBytes", "1024"));
  }

  private void streamCut(boolean afterFirst) throws Exception {
    byte[] event = framing().frame(("{\"pad\":\"" + "x".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8));
    byte[] body = afterFirst ? concat(firstStreamEvents(), event, event) : event;
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", framing().contentType)
        .body(new Buffer().write(body)).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertStreamFails(ProviderErrorCode.RESPONSE_TRUNCATED, "response_truncated",
        "the connection closed before the body ended: body cut after " + body.length / 2 + " bytes",
        afterFirst ? firstStreamText() : "", Map.of(), true);
  }

  private void assertChatFails(ProviderErrorCode reason, String code, String detail, boolean libraryCause) throws Exception {
    Provider p = faultProvider(Map.of());
    assertFails(p, () -> p.chat(request(), call()), reason, code, detail, libraryCause);
  }

  private void assertStreamFails(ProviderErrorCode reason, String code, String detail, String textBefore,
      Map<String, String> options) throws Exception {
    assertStreamFails(reason, code, detail, textBefore, options, null);
  }

  private void assertStreamFails(ProviderErrorCode reason, String code, String detail, String textBefore,
      Map<String, String> options, @org.jspecify.annotations.Nullable Boolean libraryCause) throws Exception {
    Provider p = faultProvider(options);
    List<ChatChunk> chunks = new ArrayList<>();
    assertFails(p, () -> p.stream(request(), call(), chunks::add), reason, code, detail, libraryCause);
    StringBuilder text = new StringBuilder();
    for (ChatChunk c : chunks) {
      if (c.text() != null) text.append(c.text());
    }
    assertThat(text.toString()).as("text delivered before the fault").isEqualTo(textBefore);
  }

  private static void assertFails(Provider p, ThrowingCallable call, ProviderErrorCode reason, String code,
      String detail, @org.jspecify.annotations.Nullable Boolean libraryCause) {
    try {
      assertThatThrownBy(call).isInstanceOfSatisfying(ProviderServerException.class, e -> {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.retryable()).isTrue();
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo("provider '" + p.name() + "' answered 200 (" + code + "): " + detail);
        assertThat(e.getMessage()).doesNotContain("com.fasterxml", "java.io", "Exception", "at [Source");
        if (Boolean.TRUE.equals(libraryCause)) {
          assertThat(e.getCause()).as("the library's exception is kept as the cause").isInstanceOf(java.io.IOException.class);
        } else if (Boolean.FALSE.equals(libraryCause)) {
          assertThat(e.getCause()).as("found by the gateway itself, no library exception").isNull();
        }
      });
    } finally {
      p.close();
    }
  }
}
