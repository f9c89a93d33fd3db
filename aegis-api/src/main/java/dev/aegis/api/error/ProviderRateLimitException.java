package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A provider rate-limited the gateway (429). Retryable after {@link #retryAfter()}, unless the
 * account's quota is exhausted ({@link #quotaExceeded()}), where waiting does not help but
 * another provider might.
 *
 * <p>Thread-safe once thrown.
 */
public class ProviderRateLimitException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderRateLimitException(ProviderError error, @Nullable Throwable cause) {
    super(ErrorKind.UPSTREAM_RATE_LIMITED, error, !isQuota(error), cause);
  }

  private static boolean isQuota(ProviderError e) {
    return contains(e.code(), "quota") || contains(e.type(), "quota");
  }

  /** Whether the account's quota (not a rate) is exhausted. */
  public boolean quotaExceeded() {
    return isQuota(error());
  }
}
