package dev.aegis.providers.internal;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
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

  /**
   * The body limits of one provider instance (options {@code maxResponseBytes} and
   * {@code maxEventBytes}). Immutable.
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
  private final TransportOutcomes outcomes;

  /**
   * @param context the gateway's shared resources, or {@code null} for a provider made on its own
   *     (it then owns a client and closes it with {@link #close()})
   */
  public HttpTransport(ProviderConfig config, Limits limits, @Nullable ProviderContext context) {
    this.provider = config.name();
    this.clock = config.clock();
    this.limits = limits;
    this.outcomes = new TransportOutcomes(provider, limits.maxResponseBytes());
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
        throw outcomes.invalid(response, "the body is empty", null, null);
      }
      if (!Utf8.isValid(body, 0, body.length)) {
        throw outcomes.invalid(response, "the body is not valid UTF-8", body, null);
      }
      try {
        return decoder.decode(body, response);
      } catch (GatewayException e) {
        throw e;
      } catch (BodyFault e) {
        throw outcomes.fault(response, e);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw outcomes.invalid(response, outcomes.notJson(response), body, e);
      } catch (Exception e) {
        throw outcomes.invalid(response, "the body is not the expected " + provider + " answer", body, e);
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
        if (counted.count() == 0) {
          throw outcomes.invalid(response, "the body is empty", null, e);
        }
        if (e.reason() == ProviderErrorCode.RESPONSE_TRUNCATED || counted.endedMidLine() && isCutJson(e)) {
          // JSON that fails to parse because the body ended inside its event was cut, not malformed
          throw outcomes.truncated(response, "the body ended inside a stream event", counted.count(), e.getCause());
        }
        throw outcomes.fault(response, e);
      } catch (IOException e) {
        throw outcomes.bodyFailure(e, call, response, counted.count());
      } catch (GatewayException e) {
        if (counted.count() == 0 && !call.isCancelled()) {
          throw outcomes.invalid(response, "the body is empty", null, e);
        }
        throw e;
      } catch (RuntimeException e) {
        if (e == guarded.failure() || call.isCancelled()) {
          throw e; // the consumer's own failure or a cancellation: not the provider's doing
        }
        throw outcomes.invalid(response, "a stream event is not the expected " + provider + " event", null, e);
      }
    }
  }

  /** A JSON parse failure on an event that opens like JSON: a document the end of the body cut short. */
  private static boolean isCutJson(BodyFault e) {
    byte[] excerpt = e.excerpt();
    return e.getCause() instanceof com.fasterxml.jackson.core.JacksonException && excerpt != null
        && excerpt.length > 0 && (excerpt[0] == '{' || excerpt[0] == '[');
  }

  private Response send(Call http, ProviderCall call, ErrorDecoder errors) {
    call.onCancel(http::cancel);
    Response response;
    try {
      response = http.execute();
    } catch (IOException e) {
      throw outcomes.noResponse(e, call);
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
      throw outcomes.tooLarge(response, declared + " bytes declared");
    }
    BufferedSource source = response.body().source();
    Buffer buffer = new Buffer();
    try {
      // never ask for more than one byte past the limit: the read stops there
      while (source.read(buffer, Math.min(8192, max + 1 - buffer.size())) != -1) {
        if (buffer.size() > max) {
          throw outcomes.tooLarge(response, "more than " + max + " bytes sent");
        }
      }
    } catch (IOException e) {
      throw outcomes.bodyFailure(e, call, response, buffer.size());
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

  /** Releases the client's idle connections and threads, when this transport owns them. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
