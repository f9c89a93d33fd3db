package dev.aegis.providers.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The one outcome path of every HTTP adapter: execute with the attempt's deadline and
 * cancellation → status → read the body (bounded) → decode → a typed error. Whatever the adapter,
 * the same fault reads the same:
 *
 * <ul>
 *   <li>no answer at all (connect failure, reset before the status, deadline): status 0, "gave no
 *       response", retryable; a cancelled attempt is a {@link CancellationException};
 *   <li>a non-2xx status: the adapter's {@link ErrorDecoder} (body read up to 64 KiB), then
 *       {@link ErrorReasons} sets the typed {@link ProviderErrorCode};
 *   <li>a 2xx whose body is empty, not valid UTF-8, not JSON or not the expected shape:
 *       {@link ProviderErrorCode#INVALID_RESPONSE} with the status, content type, size and a short
 *       excerpt; retryable;
 *   <li>a connection that closes before the body ends: {@link ProviderErrorCode#RESPONSE_TRUNCATED}
 *       saying after how many bytes; retryable;
 *   <li>a body over {@link Limits#maxResponseBytes()} (or a stream event over
 *       {@link Limits#maxEventBytes()}): {@link ProviderErrorCode#RESPONSE_TOO_LARGE} naming the
 *       limit; reading stops at the limit.
 * </ul>
 *
 * Streams follow the same rules before and after their first event (after the commit point the
 * engine wraps the error into a {@code StreamException}, keeping it as the cause). Library
 * exceptions stay causes; their text never reaches a message.
 *
 * <p>The client: the host's {@code OkHttpClient} when the configuration supplies one, else the
 * gateway's {@link SharedHttp} from the {@link ProviderContext} (one pool and dispatcher for all
 * its providers), else — a provider made without a context — one this transport owns and closes.
 * Each is derived with {@code newBuilder()} for this provider's timeouts.
 *
 * <p>Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int EXCERPT_CHARS = 120;

  /**
   * The body limits of one provider instance (options {@code maxResponseBytes} and
   * {@code maxEventBytes}).
   */
  public record Limits(long maxResponseBytes, long maxEventBytes) {
    /** 32 MiB per body, 1 MiB per stream event or line. */
    public static final Limits DEFAULT = new Limits(32L << 20, SseReader.DEFAULT_MAX_EVENT_BYTES);
  }

  /** Decodes a whole 2xx body. Anything but a {@link GatewayException} it throws means "not the expected shape". */
  @FunctionalInterface
  public interface BodyDecoder<T> {
    T decode(byte[] body, Response response) throws Exception;
  }

  /** Decodes a streamed 2xx body, emitting into {@code sink}, on the calling thread. */
  @FunctionalInterface
  public interface StreamDecoder {
    void decode(BufferedSource body, Response response, ChunkSink sink) throws IOException;
  }

  private final String provider;
  private final OkHttpClient client;
  private final @Nullable SharedHttp owned;
  private final Clock clock;
  private final Limits limits;

  /** A transport that owns its client (a provider made without a {@link ProviderContext}). */
  public HttpTransport(ProviderConfig config) {
    this(config, Limits.DEFAULT, null);
  }

  public HttpTransport(ProviderConfig config, Limits limits, @Nullable ProviderContext context) {
    this.provider = config.name();
    this.clock = config.clock();
    this.limits = limits;
    OkHttpClient host = config.extension(OkHttpClient.class);
    OkHttpClient base;
    if (host != null) {
      base = host;
      owned = null;
    } else if (context != null) {
      base = context.shared(SharedHttp.class, SharedHttp::new).client();
      owned = null;
    } else {
      owned = new SharedHttp();
      base = owned.client();
    }
    this.client = base.newBuilder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false) // retries are the gateway's decision, not OkHttp's
        .build();
  }

  public OkHttpClient client() {
    return client;
  }

  public Clock clock() {
    return clock;
  }

  public Limits limits() {
    return limits;
  }

  /** An SSE reader over a streamed body with this instance's event limit. */
  public SseReader sse(BufferedSource body) {
    return new SseReader(body, limits.maxEventBytes());
  }

  /** An NDJSON reader over a streamed body with this instance's line limit. */
  public NdjsonReader ndjson(BufferedSource body) {
    return new NdjsonReader(body, limits.maxEventBytes());
  }

  /**
   * Sends a request whose answer is one body, and decodes it. The whole call, body included, is
   * bounded by the attempt's remaining time.
   */
  public <T> T exchange(Request request, ProviderCall call, ErrorDecoder errors, BodyDecoder<T> decoder) {
    Call http = client.newCall(request);
    http.timeout().timeout(Math.max(1, call.remaining().toNanos()), TimeUnit.NANOSECONDS);
    try (Response response = send(http, call, errors)) {
      byte[] body = readBody(response, call);
      if (body.length == 0) {
        throw invalid(response, "the body is empty", null, null);
      }
      if (!Utf8.isValid(body, 0, body.length)) {
        throw invalid(response, "the body is not valid UTF-8", body, null);
      }
      try {
        return decoder.decode(body, response);
      } catch (GatewayException e) {
        throw e;
      } catch (BodyFault e) {
        throw fault(response, e);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw invalid(response, notJson(response), body, e);
      } catch (Exception e) {
        throw invalid(response, "the body is not the expected " + provider + " answer", body, e);
      }
    }
  }

  /**
   * Sends a streamed request and decodes its body as it arrives, on the calling thread (so the
   * sink's back-pressure reaches the socket). No total call timeout: a long healthy stream must
   * not be cut; the read timeout bounds silences and the gateway cancels at its deadline.
   */
  public void stream(Request request, ProviderCall call, ErrorDecoder errors, ChunkSink sink, StreamDecoder decoder) {
    Call http = client.newCall(request);
    try (Response response = send(http, call, errors)) {
      CountingSource counted = new CountingSource(response.body().source(), limits.maxResponseBytes());
      BufferedSource body = Okio.buffer(counted);
      SinkGuard guarded = new SinkGuard(sink);
      try {
        decoder.decode(body, response, guarded);
      } catch (BodyFault e) {
        throw counted.count == 0 ? invalid(response, "the body is empty", null, e) : fault(response, e);
      } catch (IOException e) {
        throw bodyFailure(e, call, response, counted.count);
      } catch (GatewayException e) {
        if (counted.count == 0 && !call.isCancelled()) {
          throw invalid(response, "the body is empty", null, e);
        }
        throw e;
      } catch (RuntimeException e) {
        if (e == guarded.failure || call.isCancelled()) {
          throw e; // the consumer's own failure or a cancellation: not the provider's doing
        }
        throw invalid(response, "a stream event is not the expected " + provider + " event", null, e);
      }
    }
  }

  private Response send(Call http, ProviderCall call, ErrorDecoder errors) {
    call.onCancel(http::cancel);
    Response response;
    try {
      response = http.execute();
    } catch (IOException e) {
      throw noResponse(e, call);
    }
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw ProviderException.of(decodeError(response, errors));
    }
  }

  /** Reads a whole body, stopping at the limit. */
  private byte[] readBody(Response response, ProviderCall call) {
    long declared = response.body().contentLength();
    long max = limits.maxResponseBytes();
    if (declared > max) {
      throw tooLarge(response, declared + " bytes declared");
    }
    BufferedSource source = response.body().source();
    Buffer buffer = new Buffer();
    try {
      // never ask for more than one byte past the limit: the read stops there
      while (source.read(buffer, Math.min(8192, max + 1 - buffer.size())) != -1) {
        if (buffer.size() > max) {
          throw tooLarge(response, "more than " + max + " bytes sent");
        }
      }
    } catch (IOException e) {
      throw bodyFailure(e, call, response, buffer.size());
    }
    return buffer.readByteArray();
  }

  /** Decodes a non-2xx response (body read up to 64 KiB) and sets its typed reason. */
  public ProviderError decodeError(Response response, ErrorDecoder decoder) {
    byte[] body;
    try {
      body = response.peekBody(MAX_ERROR_BODY).bytes();
    } catch (IOException e) {
      body = new byte[0];
    }
    Headers h = response.headers();
    Duration retryAfter = RetryAfter.parse(h.get("retry-after-ms"), h.get("retry-after"), clock);
    return ErrorReasons.classify(decoder.decode(provider, response.code(), h, body, retryAfter, requestId(h)));
  }

  /** The upstream request id from the usual headers, or {@code null}. */
  public static @Nullable String requestId(Headers h) {
    String id = h.get("x-request-id");
    if (id == null) id = h.get("request-id");
    if (id == null) id = h.get("x-amzn-requestid");
    if (id == null) id = h.get("apim-request-id");
    return id;
  }

  /** A failure before any status arrived: a cancellation, a timeout, or no connection. */
  private RuntimeException noResponse(IOException e, ProviderCall call) {
    if (call.isCancelled()) {
      return cancelled(e);
    }
    boolean timeout = e instanceof InterruptedIOException || call.remaining().isNegative();
    String message = timeout ? "timed out before the status arrived" : "the connection failed before the status arrived";
    return ProviderException.of(new ProviderError(provider, 0, null, timeout ? "timeout" : "connection_error",
        null, message, null, null), e);
  }

  /** A failure while reading the body of an answer whose status arrived. */
  private RuntimeException bodyFailure(IOException e, ProviderCall call, Response response, long bytes) {
    if (call.isCancelled()) {
      return cancelled(e);
    }
    if (e instanceof InterruptedIOException || call.remaining().isNegative()) {
      return ProviderException.of(new ProviderError(provider, response.code(), null, "timeout", null,
          "timed out reading the body after " + bytes + " bytes", null, requestId(response.headers())), e);
    }
    return ProviderException.of(new ProviderError(provider, response.code(), null, "response_truncated", null,
        "the connection closed before the body ended: body cut after " + bytes + " bytes", null,
        requestId(response.headers()), ProviderErrorCode.RESPONSE_TRUNCATED), e);
  }

  private CancellationException cancelled(Exception e) {
    CancellationException c = new CancellationException("the call to '" + provider + "' was cancelled");
    c.initCause(e);
    return c;
  }

  private ProviderException fault(Response response, BodyFault f) {
    if (f.reason() == ProviderErrorCode.RESPONSE_TOO_LARGE) {
      return ProviderException.of(new ProviderError(provider, response.code(), null, "response_too_large", null,
          f.getMessage(), null, requestId(response.headers()), ProviderErrorCode.RESPONSE_TOO_LARGE), f);
    }
    return invalid(response, f.getMessage(), f.excerpt(), f.getCause() == null ? f : f.getCause());
  }

  private ProviderException tooLarge(Response response, String seen) {
    return ProviderException.of(new ProviderError(provider, response.code(), null, "response_too_large", null,
        "the body is larger than the limit of " + limits.maxResponseBytes() + " bytes (" + seen + "); reading stopped",
        null, requestId(response.headers()), ProviderErrorCode.RESPONSE_TOO_LARGE));
  }

  /**
   * A 2xx answer this adapter cannot use: {@code invalid_response} with the status, the content
   * type and an excerpt.
   */
  private ProviderException invalid(Response response, String what, byte @Nullable [] body, @Nullable Throwable cause) {
    StringBuilder m = new StringBuilder(what).append(" (content type ").append(contentType(response)).append(')');
    if (body != null && body.length > 0) {
      m.append(": ").append(excerpt(body));
    }
    return ProviderException.of(new ProviderError(provider, response.code(), null, "invalid_response", null,
        m.toString(), null, requestId(response.headers()), ProviderErrorCode.INVALID_RESPONSE), cause);
  }

  private static String notJson(Response response) {
    MediaType type = response.body().contentType();
    boolean json = type != null && type.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
    return json ? "the body is not valid JSON" : "the body is not JSON";
  }

  private static String contentType(Response response) {
    String type = response.header("content-type");
    return type == null ? "none" : type;
  }

  /** The first characters of a body, on one line, with invalid bytes shown as U+FFFD. */
  static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(Math.min(text.length(), EXCERPT_CHARS) + 16).append('"');
    boolean space = false;
    int n = 0;
    for (int i = 0; i < text.length() && n < EXCERPT_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = true;
        continue;
      }
      if (space && n > 0) {
        sb.append(' ');
        n++;
      }
      space = false;
      sb.append(c);
      n++;
    }
    sb.append('"');
    if (n >= EXCERPT_CHARS || body.length > EXCERPT_CHARS * 4) {
      sb.append(" (").append(body.length).append(" bytes)");
    }
    return sb.toString();
  }

  /** Releases the client's idle connections and threads, when this transport owns them. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  /** Counts the bytes of a streamed body and stops it at the limit. */
  private static final class CountingSource extends ForwardingSource {
    private final long max;
    long count;

    CountingSource(okio.Source delegate, long max) {
      super(delegate);
      this.max = max;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n = super.read(sink, Math.min(byteCount, max + 1 - count));
      if (n > 0) {
        count += n;
        if (count > max) {
          throw new BodyFault(ProviderErrorCode.RESPONSE_TOO_LARGE,
              "the body is larger than the limit of " + max + " bytes; reading stopped", null, null);
        }
      }
      return n;
    }
  }

  /** Remembers what the consumer threw, so it is passed on unchanged and not blamed on the provider. */
  private static final class SinkGuard implements ChunkSink {
    private final ChunkSink sink;
    @Nullable RuntimeException failure;

    SinkGuard(ChunkSink sink) {
      this.sink = sink;
    }

    @Override
    public void emit(ChatChunk chunk) {
      try {
        sink.emit(chunk);
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
  }
}
