package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Executes an adapter's HTTP requests with the attempt's deadline and cancellation: the OkHttp
 * call is cancelled when the attempt is, whole (non-streamed) calls get the remaining time as
 * their call timeout, and every failure leaves as a typed {@link ProviderException}.
 *
 * <p>Uses the host's {@code OkHttpClient} when the configuration supplies one as an extension
 * (proxies, mTLS), deriving a sibling with this instance's timeouts so pools are shared.
 *
 * <p>Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final String provider;
  private final OkHttpClient client;
  private final boolean owned;
  private final Clock clock;

  public HttpTransport(ProviderConfig config) {
    this.provider = config.name();
    this.clock = config.clock();
    OkHttpClient host = config.extension(OkHttpClient.class);
    this.owned = host == null;
    OkHttpClient base = host == null ? new OkHttpClient() : host;
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

  /**
   * Executes the request and returns a 2xx response (the caller closes it), or throws the
   * provider's error decoded by {@code decoder}.
   *
   * @param streaming whether the body is a stream: then no total call timeout is set (a long
   *     healthy stream must not be cut); the read timeout bounds silences and the gateway's
   *     deadline cancels the call before the commit point
   */
  public Response execute(Request request, ProviderCall call, ErrorDecoder decoder, boolean streaming) {
    Call http = client.newCall(request);
    if (!streaming) {
      long left = call.remaining().toNanos();
      http.timeout().timeout(Math.max(1, left), TimeUnit.NANOSECONDS);
    }
    call.onCancel(http::cancel);
    Response response;
    try {
      response = http.execute();
    } catch (IOException e) {
      throw failure(e, call);
    }
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw ProviderException.of(decodeError(response, decoder));
    }
  }

  /** Decodes a non-2xx response (body read up to 64 KiB). */
  public ProviderError decodeError(Response response, ErrorDecoder decoder) {
    byte[] body;
    try {
      body = response.peekBody(MAX_ERROR_BODY).bytes();
    } catch (IOException e) {
      body = new byte[0];
    }
    Headers h = response.headers();
    Duration retryAfter = RetryAfter.parse(h.get("retry-after-ms"), h.get("retry-after"), clock);
    return decoder.decode(provider, response.code(), h, body, retryAfter, requestId(h));
  }

  /** The upstream request id from the usual headers, or {@code null}. */
  public static @Nullable String requestId(Headers h) {
    String id = h.get("x-request-id");
    if (id == null) id = h.get("request-id");
    if (id == null) id = h.get("x-amzn-requestid");
    if (id == null) id = h.get("apim-request-id");
    return id;
  }

  /**
   * Maps an I/O failure (while connecting or while reading a body) to the attempt's real story:
   * a cancellation if the attempt was cancelled, else a retryable "no response" provider error.
   */
  public RuntimeException failure(IOException e, ProviderCall call) {
    if (call.isCancelled()) {
      CancellationException c = new CancellationException("the call to '" + provider + "' was cancelled");
      c.initCause(e);
      return c;
    }
    boolean timeout = e instanceof InterruptedIOException || call.remaining().isNegative();
    String message = timeout ? "timed out: " + e.getMessage() : "connection failed: " + e;
    return ProviderException.of(new ProviderError(provider, 0, null, timeout ? "timeout" : "connection_error",
        null, message, null, null), e);
  }

  /**
   * A successful answer this adapter cannot read (malformed JSON, a shape the codec rejects): an
   * {@code invalid_response} provider error with status 200, so it is told apart from HTTP errors.
   */
  public ProviderException unreadable(Exception cause) {
    return ProviderException.of(new ProviderError(provider, 200, "invalid_response", null, null,
        "unreadable response from " + provider + ": " + cause.getMessage(), null, null), cause);
  }

  /** The body of a successful response (never null with OkHttp 5). */
  public static ResponseBody body(Response response) {
    return response.body();
  }

  /** Releases idle connections and threads this transport owns. */
  @Override
  public void close() {
    if (owned) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
