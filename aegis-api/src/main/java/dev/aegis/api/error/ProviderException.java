package dev.aegis.api.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A provider failed. Carries the provider's {@link ProviderError} (which provider, which status,
 * its error type and code, retry-after, upstream request id). Build one with
 * {@link #of(ProviderError, Throwable)}, the single place that classifies upstream failures.
 *
 * <p>Thread-safe once thrown.
 */
public class ProviderException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final transient ProviderError error;

  protected ProviderException(ErrorKind kind, ProviderError error, boolean retryable, @Nullable Throwable cause) {
    super(kind, describe(error), retryable, cause);
    this.error = error;
  }

  /**
   * Classifies a provider failure into the right subtype. Retryable: no response (status 0),
   * 408, 409, 429 (unless the quota is exhausted), 500, 502, 503, 504, 529 and any "overloaded"
   * error type; everything else in 4xx is not.
   */
  public static ProviderException of(ProviderError error, @Nullable Throwable cause) {
    int s = error.status();
    if (isOverloaded(error) || s == 0 || s == 408 || s == 409 || s >= 500) {
      return new ProviderServerException(error, cause);
    }
    if (s == 429) {
      return new ProviderRateLimitException(error, cause);
    }
    if (s == 401 || s == 403) {
      return new ProviderAuthenticationException(error, cause);
    }
    if (isContentFilter(error)) {
      return new ContentFilterException(error, cause);
    }
    if (s >= 400) {
      return new ProviderInvalidRequestException(error, cause);
    }
    // a 2xx/3xx carrying an error body (e.g. an error event in a 200 stream) without a hint
    return new ProviderServerException(error, cause);
  }

  /** As {@link #of(ProviderError, Throwable)} without a cause. */
  public static ProviderException of(ProviderError error) {
    return of(error, null);
  }

  private static boolean isOverloaded(ProviderError e) {
    return contains(e.type(), "overloaded") || contains(e.code(), "overloaded")
        || contains(e.type(), "server_error") || contains(e.type(), "api_error")
        || contains(e.type(), "unavailable") || contains(e.code(), "unavailable");
  }

  private static boolean isContentFilter(ProviderError e) {
    return e.reason() == ProviderErrorCode.CONTENT_FILTERED || contains(e.code(), "content_filter") || contains(e.type(), "content_filter")
        || contains(e.code(), "content_policy");
  }

  static boolean contains(@Nullable String value, String part) {
    return value != null && value.toLowerCase(java.util.Locale.ROOT).contains(part);
  }

  private static String describe(ProviderError e) {
    StringBuilder sb = new StringBuilder("provider '").append(e.provider()).append("' ");
    if (e.status() == 0) {
      sb.append("gave no response");
    } else {
      sb.append("answered ").append(e.status());
    }
    if (e.type() != null) sb.append(" ").append(e.type());
    if (e.code() != null) sb.append(" (").append(e.code()).append(')');
    sb.append(": ").append(e.message());
    if (e.requestId() != null) sb.append(" [request id ").append(e.requestId()).append(']');
    return sb.toString();
  }

  /** The provider's error details. */
  public ProviderError error() {
    return error;
  }

  /** The provider instance name. */
  public String provider() {
    return error.provider();
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return error.status();
  }

  /** What the failure means to the gateway, as the provider's error decoding classified it. */
  public ProviderErrorCode reason() {
    return error.reason();
  }

  /** The wait the provider asked for, or {@code null}. */
  public @Nullable Duration retryAfter() {
    return error.retryAfter();
  }
}
