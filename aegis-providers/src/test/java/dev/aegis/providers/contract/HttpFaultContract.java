package dev.aegis.providers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
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
 * <p>The network cases — connection refused, DNS failure and connect timeout (injected through
 * OkHttp's {@code Dns} and {@code SocketFactory}, see {@link FaultSockets}), a read timeout
 * before the headers, headers without a body, a body stalled half-way, a TCP reset, a slow drip —
 * and the stream cases — a truncated event, an early end, an error event after content, a wrong
 * content type — end the same way, each within a 150 ms timeout. docs/reliability.md lists them.
 *
 * <p>Implemented by the kit's HTTP bases, so each adapter's contract test runs it.
 *
 * <p>Over 400 lines because it is the one fault table (every adapter must meet every case; a
 * second table would drift): each case is a few lines, the shared plumbing sits at the end.
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
    return frame(":event-type", eventType, "event", payload);
  }

  /** A Bedrock exception frame ({@code :message-type exception}) of this exception type. */
  static byte[] exceptionFrame(String exceptionType, byte[] payload) {
    return frame(":exception-type", exceptionType, "exception", payload);
  }

  private static byte[] frame(String typeHeader, String type, String messageType, byte[] payload) {
    Buffer headers = new Buffer();
    header(headers, typeHeader, type);
    header(headers, ":content-type", "application/json");
    header(headers, ":message-type", messageType);
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

  /**
   * A new adapter instance at the mock server, configured by {@code setup}: its options and
   * timeouts added to the adapter's configuration, its OkHttp client derived from the kit's.
   */
  Provider faultProvider(FaultSetup setup) throws Exception;

  /** A new adapter instance at the mock server with these options added to its configuration. */
  default Provider faultProvider(Map<String, String> options) throws Exception {
    return faultProvider(FaultSetup.of(options));
  }

  /** How the adapter's stream is framed. */
  Framing framing();

  /** The opening of a healthy stream, up to and including its first text delta. */
  byte[] firstStreamEvents();

  /** The text the adapter emits for {@link #firstStreamEvents()}. */
  default String firstStreamText() {
    return "Hi";
  }

  /**
   * What the adapter says when its stream body ends normally but before the stream's own end
   * marker ({@code [DONE]}, {@code message_stop}, a {@code done} line, ...).
   */
  default String endedEarlyDetail() {
    return "the stream ended before the provider signalled its end";
  }

  /** An in-stream error event in this provider's shape, sent after {@link #firstStreamEvents()}. */
  default byte[] streamErrorEvent() {
    return framing().frame("{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}"
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The message of the error {@link #streamErrorEvent()} becomes. */
  default String streamErrorMessage(String provider) {
    return "provider '" + provider + "' answered 200 server_error: The server is overloaded";
  }

  // ---------------------------------------------------------------- the table

  /**
   * The knobs one fault case turns: options added to the adapter's configuration, its connect and
   * read timeouts, and how the adapter's OkHttp client is derived from the kit's (the
   * {@code Dns} and {@code SocketFactory} seams). Immutable.
   */
  record FaultSetup(Map<String, String> options, Duration connectTimeout, Duration readTimeout,
      @Nullable UnaryOperator<OkHttpClient.Builder> client) {
    /** The configuration defaults: 10 s to connect, 120 s between reads, the kit's client as is. */
    public static FaultSetup of(Map<String, String> options) {
      return new FaultSetup(options, Duration.ofSeconds(10), Duration.ofSeconds(120), null);
    }

    public FaultSetup withConnectTimeout(Duration timeout) {
      return new FaultSetup(options, timeout, readTimeout, client);
    }

    public FaultSetup withReadTimeout(Duration timeout) {
      return new FaultSetup(options, connectTimeout, timeout, client);
    }

    public FaultSetup withClient(UnaryOperator<OkHttpClient.Builder> derive) {
      return new FaultSetup(options, connectTimeout, readTimeout, derive);
    }

    /** Adds the options and timeouts to an adapter's configuration. */
    public ProviderConfig.Builder apply(ProviderConfig.Builder config) {
      return config.options(options).connectTimeout(connectTimeout).readTimeout(readTimeout);
    }

    /** The client the adapter gets: the kit's, or one derived from it (same pool and listener). */
    public OkHttpClient client(OkHttpClient kit) {
      return client == null ? kit : client.apply(kit.newBuilder()).build();
    }
  }

  /** Every timeout a case sets: the table stays fast and no case waits longer than this. */
  Duration CASE_TIMEOUT = Duration.ofMillis(150);

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


  // ---------------------------------------------------------------- the network, before any status

  @Test
  default void faultConnectionRefused() throws Exception {
    assertNoResponse(false, refused(), "connection_error", "could not connect");
  }

  @Test
  default void streamFaultConnectionRefused() throws Exception {
    assertNoResponse(true, refused(), "connection_error", "could not connect");
  }

  @Test
  default void faultDnsFailure() throws Exception {
    assertNoResponse(false, unresolvable(), "connection_error", "the host name did not resolve");
  }

  @Test
  default void streamFaultDnsFailure() throws Exception {
    assertNoResponse(true, unresolvable(), "connection_error", "the host name did not resolve");
  }

  @Test
  default void faultConnectTimeout() throws Exception {
    AtomicInteger timeoutSeen = new AtomicInteger();
    assertNoResponse(false, connectTimingOut(timeoutSeen), "timeout", "timed out before the status arrived");
    assertThat(timeoutSeen.get()).as("the configured connect timeout reached the socket").isEqualTo(150);
  }

  @Test
  default void streamFaultConnectTimeout() throws Exception {
    AtomicInteger timeoutSeen = new AtomicInteger();
    assertNoResponse(true, connectTimingOut(timeoutSeen), "timeout", "timed out before the status arrived");
    assertThat(timeoutSeen.get()).as("the configured connect timeout reached the socket").isEqualTo(150);
  }

  /** The server accepts the request and never answers: the read timeout ends the wait. */
  @Test
  default void faultReadTimeoutBeforeHeaders() throws Exception {
    faultServer().enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    assertNoResponse(false, FaultSetup.of(Map.of()).withReadTimeout(CASE_TIMEOUT), "timeout",
        "timed out before the status arrived");
  }

  @Test
  default void streamFaultReadTimeoutBeforeHeaders() throws Exception {
    faultServer().enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    assertNoResponse(true, FaultSetup.of(Map.of()).withReadTimeout(CASE_TIMEOUT), "timeout",
        "timed out before the status arrived");
  }

  // ---------------------------------------------------------------- a status, then a body that stalls

  /** A one-byte body stalled before its byte: the headers arrive, the body never does. */
  @Test
  default void faultHeadersThenNoBody() throws Exception {
    stall(new byte[] {'{'}, "application/json");
    assertStalled(false, "timed out reading the body after 0 bytes", "");
  }

  @Test
  default void streamFaultHeadersThenNoBody() throws Exception {
    stall(new byte[] {'\n'}, framing().contentType);
    assertStalled(true, "timed out reading the body after 0 bytes", "");
  }

  @Test
  default void faultBodyStopsHalfWay() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
    stall(body, "application/json");
    assertStalled(false, "timed out reading the body after " + body.length / 2 + " bytes", "");
  }

  @Test
  default void streamFaultBodyStopsHalfWay() throws Exception {
    byte[] body = streamWithPadding();
    stall(body, framing().contentType);
    assertStalled(true, "timed out reading the body after " + body.length / 2 + " bytes", firstStreamText());
  }

  /**
   * One byte a second: every read is slower than the read timeout, and the whole answer is bounded
   * by the call's deadline, so the drip is cut by whichever ends first rather than trickling on.
   */
  @Test
  default void faultSlowDrip() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .body(new Buffer().write(body)).throttleBody(1, 1, TimeUnit.SECONDS).build());
    Provider p = faultProvider(FaultSetup.of(Map.of()));
    ProviderCall call = ProviderCall.builder().model("test-model").timeout(CASE_TIMEOUT).build();
    assertDripCut(p, () -> p.chat(request(), call));
  }

  @Test
  default void streamFaultSlowDrip() throws Exception {
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", framing().contentType)
        .body(new Buffer().write(streamWithPadding())).throttleBody(1, 1, TimeUnit.SECONDS).build());
    Provider p = faultProvider(readTimeout());
    assertDripCut(p, () -> p.stream(request(), call(), chunk -> {}));
  }

  // ---------------------------------------------------------------- a reset, a truncated or failing stream

  @Test
  default void faultConnectionReset() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertReset(false, body, "application/json");
  }

  @Test
  default void streamFaultConnectionReset() throws Exception {
    assertReset(true, streamWithPadding(), framing().contentType);
  }

  /** The body ends in the middle of an event, without the stream's end marker. */
  @Test
  default void streamFaultTruncatedEvent() throws Exception {
    byte[] event = framing().frame("{\"pad\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    byte[] half = java.util.Arrays.copyOf(event, event.length / 2);
    enqueue(200, framing().contentType, concat(firstStreamEvents(), half));
    assertStreamFails(ProviderErrorCode.RESPONSE_TRUNCATED, "response_truncated",
        "the body ended inside a stream event: body cut after " + (firstStreamEvents().length + half.length) + " bytes",
        firstStreamText(), Map.of(), null);
  }

  /** The body ends cleanly between events, but before the stream's end marker. */
  @Test
  default void streamFaultEndsBeforeItsEnd() throws Exception {
    enqueue(200, framing().contentType, firstStreamEvents());
    assertStreamFails(ProviderErrorCode.RESPONSE_TRUNCATED, "incomplete_stream", endedEarlyDetail(), firstStreamText(),
        Map.of(), false);
  }

  /** An error event after content: the provider's own error, typed, with the text before it kept. */
  @Test
  default void streamFaultErrorEventAfterContent() throws Exception {
    enqueue(200, framing().contentType, concat(firstStreamEvents(), streamErrorEvent()));
    Provider p = faultProvider(Map.of());
    List<ChatChunk> chunks = new ArrayList<>();
    try {
      assertThatThrownBy(() -> p.stream(request(), call(), chunks::add))
          .isInstanceOfSatisfying(StreamException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(streamErrorMessage(p.name()));
            assertThat(e.retryable()).as("an overloaded upstream may succeed on a retry").isTrue();
            assertThat(e.getCause()).isInstanceOfSatisfying(ProviderServerException.class,
                c -> assertThat(c.provider()).isEqualTo(p.name()));
          });
    } finally {
      p.close();
    }
    assertThat(text(chunks)).isEqualTo(firstStreamText());
  }

  /** A stream request answered with a whole JSON body: the wrong content type for a stream. */
  @Test
  default void streamFaultWrongContentType() throws Exception {
    String json = "{\"id\":\"x\",\"object\":\"chat.completion\"}";
    enqueue(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertStreamFails(wrongContentTypeReason(), wrongContentTypeCode(), wrongContentTypeDetail(json), "",
        Map.of(), null);
  }

  /**
   * What the adapter makes of a stream answered with a whole JSON body. SSE adapters see no event
   * stream; a reader that does not check the content type may read the body as one event.
   */
  default ProviderErrorCode wrongContentTypeReason() {
    return ProviderErrorCode.INVALID_RESPONSE;
  }

  default String wrongContentTypeCode() {
    return "invalid_response";
  }

  default String wrongContentTypeDetail(String json) {
    return "the body is not an event stream (content type application/json): \"" + json + '"';
  }

  // ---------------------------------------------------------------- plumbing


  private FaultSetup refused() throws Exception {
    java.net.InetSocketAddress closed = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
        FaultSockets.closedPort());
    return FaultSetup.of(Map.of()).withClient(b -> b.socketFactory(FaultSockets.redirectingTo(closed)));
  }

  private static FaultSetup unresolvable() {
    return FaultSetup.of(Map.of()).withClient(b -> b.dns(FaultSockets.unresolvable()));
  }

  private static FaultSetup connectTimingOut(AtomicInteger timeoutSeen) {
    return FaultSetup.of(Map.of()).withConnectTimeout(CASE_TIMEOUT)
        .withClient(b -> b.socketFactory(FaultSockets.connectTimingOut(timeoutSeen)));
  }

  private static FaultSetup readTimeout() {
    return FaultSetup.of(Map.of()).withReadTimeout(CASE_TIMEOUT);
  }

  /** A healthy opening, then padding events: long enough that half of it is past the first text. */
  private byte[] streamWithPadding() {
    byte[] event = framing().frame(("{\"pad\":\"" + "x".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8));
    return concat(firstStreamEvents(), event, event);
  }

  /** The body stalls after its first half, the connection left open. */
  private void stall(byte[] body, String contentType) {
    faultServer().enqueue(new MockResponse.Builder().code(200).addHeader("content-type", contentType)
        .body(new Buffer().write(body)).onResponseBody(SocketEffect.Stall.INSTANCE).build());
  }

  /** No status arrived: status 0, retryable, "gave no response", the library's exception the cause. */
  private void assertNoResponse(boolean stream, FaultSetup setup, String code, String detail) throws Exception {
    Provider p = faultProvider(setup);
    ThrowingCallable call = stream ? () -> p.stream(request(), call(), chunk -> {}) : () -> p.chat(request(), call());
    try {
      assertThatThrownBy(call).isInstanceOfSatisfying(ProviderServerException.class, e -> {
        assertThat(e.status()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(e.error().code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo("provider '" + p.name() + "' gave no response (" + code + "): " + detail);
        assertThat(e.getCause()).as("the library's exception is kept as the cause").isInstanceOf(java.io.IOException.class);
      });
    } finally {
      p.close();
    }
  }

  /**
   * A body that stalls ends in a read timeout naming how far it got. On a loaded machine the
   * server may not get its headers out within the case's 150 ms; then the one other outcome is
   * the timeout before the status, with nothing delivered. Both are pinned exactly.
   */
  private void assertStalled(boolean stream, String detail, String textBefore) throws Exception {
    Provider p = faultProvider(readTimeout());
    List<ChatChunk> chunks = new ArrayList<>();
    ThrowingCallable call = stream ? () -> p.stream(request(), call(), chunks::add) : () -> p.chat(request(), call());
    try {
      assertThatThrownBy(call).isInstanceOfSatisfying(ProviderServerException.class, e -> {
        assertThat(e.error().code()).isEqualTo("timeout");
        assertThat(e.retryable()).isTrue();
        assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
        if (e.status() == 0) {
          assertThat(e.getMessage()).isEqualTo("provider '" + p.name() + "' gave no response (timeout): timed out before the status arrived");
          assertThat(text(chunks)).isEmpty();
        } else {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.getMessage()).isEqualTo("provider '" + p.name() + "' answered 200 (timeout): " + detail);
          assertThat(text(chunks)).isEqualTo(textBefore);
        }
      });
    } finally {
      p.close();
    }
  }

  /** A drip ends as a timeout: before the status when it is that slow, else while reading the body. */
  private static void assertDripCut(Provider p, ThrowingCallable call) {
    try {
      assertThatThrownBy(call).isInstanceOfSatisfying(ProviderServerException.class, e -> {
        assertThat(e.error().code()).isEqualTo("timeout");
        assertThat(e.retryable()).isTrue();
        // how many bytes dripped in before the cut depends on the scheduler; the words do not
        assertThat(e.getMessage()).matches("provider '" + java.util.regex.Pattern.quote(p.name())
            + "' (gave no response \\(timeout\\): timed out before the status arrived"
            + "|answered 200 \\(timeout\\): timed out reading the body after [0-9]+ bytes)");
      });
    } finally {
      p.close();
    }
  }

  /**
   * The connection is reset (TCP RST) after half the body. The client may lose bytes the kernel had
   * received when the reset arrived, so the count is bounded rather than pinned.
   */
  private void assertReset(boolean stream, byte[] body, String contentType) throws Exception {
    try (MockWebServer resetting = new MockWebServer()) {
      resetting.setServerSocketFactory(FaultSockets.resetting());
      resetting.start();
      resetting.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", contentType)
          .body(new Buffer().write(body)).onResponseBody(new SocketEffect.CloseSocket(true, false, false)).build());
      Provider p = faultProvider(FaultSetup.of(Map.of())
          .withClient(b -> b.socketFactory(FaultSockets.redirectingTo(resetting.getSocketAddress()))));
      List<ChatChunk> chunks = new ArrayList<>();
      ThrowingCallable call = stream ? () -> p.stream(request(), call(), chunks::add) : () -> p.chat(request(), call());
      try {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProviderServerException.class, e -> {
          assertThat(e.reason()).isEqualTo(ProviderErrorCode.RESPONSE_TRUNCATED);
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.retryable()).isTrue();
          assertThat(e.error().code()).isEqualTo("response_truncated");
          assertThat(e.getMessage()).startsWith("provider '" + p.name()
              + "' answered 200 (response_truncated): the connection was reset before the body ended: body cut after ");
          long cut = Long.parseLong(e.getMessage().replaceAll(".* body cut after ([0-9]+) bytes$", "$1"));
          assertThat(cut).isBetween(0L, (long) body.length / 2);
          assertThat(e.getCause()).isInstanceOf(java.net.SocketException.class);
        });
      } finally {
        p.close();
      }
      assertThat(text(chunks)).isIn("", firstStreamText());
    }
  }

  private static String text(List<ChatChunk> chunks) {
    StringBuilder text = new StringBuilder();
    for (ChatChunk c : chunks) {
      text.append(c.text());
    }
    return text.toString();
  }

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
    assertChatFails(FaultSetup.of(Map.of()), reason, code, detail, libraryCause);
  }

  private void assertChatFails(FaultSetup setup, ProviderErrorCode reason, String code, String detail,
      boolean libraryCause) throws Exception {
    Provider p = faultProvider(setup);
    assertFails(p, () -> p.chat(request(), call()), reason, code, detail, libraryCause);
  }

  private void assertStreamFails(ProviderErrorCode reason, String code, String detail, String textBefore,
      Map<String, String> options) throws Exception {
    assertStreamFails(reason, code, detail, textBefore, options, null);
  }

  private void assertStreamFails(ProviderErrorCode reason, String code, String detail, String textBefore,
      Map<String, String> options, @org.jspecify.annotations.Nullable Boolean libraryCause) throws Exception {
    assertStreamFails(reason, code, detail, textBefore, FaultSetup.of(options), libraryCause);
  }

  private void assertStreamFails(ProviderErrorCode reason, String code, String detail, String textBefore,
      FaultSetup setup, @org.jspecify.annotations.Nullable Boolean libraryCause) throws Exception {
    Provider p = faultProvider(setup);
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
