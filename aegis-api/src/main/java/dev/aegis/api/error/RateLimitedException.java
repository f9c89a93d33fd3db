package dev.aegis.api.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's own rate limit for the caller (requests or tokens per window) was reached.
 *
 * <p>Thread-safe once thrown.
 */
public class RateLimitedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final @Nullable Duration retryAfter;

  public RateLimitedException(String limit, String message, @Nullable Duration retryAfter) {
    super(ErrorKind.RATE_LIMITED, message, true, null);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /** The name of the limit that was hit. */
  public String limit() {
    return limit;
  }

  /** When the caller may try again, or {@code null} if unknown. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
