package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.provider.ProviderCall;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import okhttp3.MediaType;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The words of {@link HttpTransport}'s outcomes: which {@link ProviderException} (status, code,
 * typed reason, message, cause) each fault of an exchange becomes — no answer, a body cut short,
 * a body over the limit, a body the adapter cannot use. One instance per transport.
 *
 * <p>Immutable and thread-safe.
 */
final class TransportOutcomes {
  private static final int EXCERPT_CHARS = 120;

  private final String provider;
  private final long maxResponseBytes;

  TransportOutcomes(String provider, long maxResponseBytes) {
    this.provider = provider;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** A failure before any status arrived: a cancellation, a timeout, or no connection. */
  RuntimeException noResponse(IOException e, ProviderCall call) {
    if (call.isCancelled()) {
      return cancelled(e);
    }
    boolean timeout = e instanceof InterruptedIOException || call.remaining().isNegative();
    return ProviderException.of(new ProviderError(provider, 0, null, timeout ? "timeout" : "connection_error",
        null, noResponseDetail(e, timeout), null, null), e);
  }

  /**
   * Which step failed, from the exception's type (never its text): the name lookup, the connect,
   * or the exchange. A connect timeout reads as any other timeout before the status: OkHttp lets
   * the socket's timeout through unwrapped, so only its text would tell them apart.
   */
  private static String noResponseDetail(IOException e, boolean timeout) {
    if (e instanceof UnknownHostException) {
      return "the host name did not resolve";
    }
    if (e instanceof ConnectException) {
      return "could not connect";
    }
    return timeout ? "timed out before the status arrived" : "the connection failed before the status arrived";
  }

  /** A failure while reading the body of an answer whose status arrived. */
  RuntimeException bodyFailure(IOException e, ProviderCall call, Response response, long bytes) {
    if (call.isCancelled()) {
      return cancelled(e);
    }
    if (e instanceof InterruptedIOException || call.remaining().isNegative()) {
      return ProviderException.of(new ProviderError(provider, response.code(), null, "timeout", null,
          "timed out reading the body after " + bytes + " bytes", null, HttpTransport.requestId(response.headers())), e);
    }
    String how = e instanceof SocketException ? "was reset" : "closed";
    return truncated(response, "the connection " + how + " before the body ended", bytes, e);
  }

  /** A body that ended before its answer did: {@code response_truncated}, saying after how many bytes. */
  ProviderException truncated(Response response, String what, long bytes, @Nullable Throwable cause) {
    return ProviderException.of(new ProviderError(provider, response.code(), null, "response_truncated", null,
        what + ": body cut after " + bytes + " bytes", null,
        HttpTransport.requestId(response.headers()), ProviderErrorCode.RESPONSE_TRUNCATED), cause);
  }

  private CancellationException cancelled(Exception e) {
    CancellationException c = new CancellationException("the call to '" + provider + "' was cancelled");
    c.initCause(e);
    return c;
  }

  ProviderException fault(Response response, BodyFault f) {
    if (f.reason() == ProviderErrorCode.RESPONSE_TOO_LARGE) {
      return ProviderException.of(new ProviderError(provider, response.code(), null, "response_too_large", null,
          f.getMessage(), null, HttpTransport.requestId(response.headers()), ProviderErrorCode.RESPONSE_TOO_LARGE),
          f.getCause());
    }
    // the fault is the gateway's own finding; only a library exception behind it is kept as the cause
    return invalid(response, f.getMessage(), f.excerpt(), f.getCause());
  }

  ProviderException tooLarge(Response response, String seen) {
    return ProviderException.of(new ProviderError(provider, response.code(), null, "response_too_large", null,
        "the body is larger than the limit of " + maxResponseBytes + " bytes (" + seen + "); reading stopped",
        null, HttpTransport.requestId(response.headers()), ProviderErrorCode.RESPONSE_TOO_LARGE));
  }

  /**
   * A 2xx answer this adapter cannot use: {@code invalid_response} with the status, the content
   * type and an excerpt.
   */
  ProviderException invalid(Response response, String what, byte @Nullable [] body, @Nullable Throwable cause) {
    StringBuilder m = new StringBuilder(what).append(" (content type ").append(contentType(response)).append(')');
    if (body != null && body.length > 0) {
      m.append(": ").append(excerpt(body));
    }
    return ProviderException.of(new ProviderError(provider, response.code(), null, "invalid_response", null,
        m.toString(), null, HttpTransport.requestId(response.headers()), ProviderErrorCode.INVALID_RESPONSE), cause);
  }

  static String notJson(Response response) {
    MediaType type = response.body().contentType();
    boolean json = type != null && type.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
    return json ? "the body is not valid JSON" : "the body is not JSON";
  }

  private static String contentType(Response response) {
    String type = response.header("content-type");
    return type == null ? "none" : type;
  }

  /** The first characters of a body, on one line, invalid bytes shown as U+FFFD, key-like text scrubbed. */
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
    // scrubbed here too, not only in the exception message: ProviderError.message() is public
    return Secrets.scrub(sb.toString());
  }
}
