package dev.aegis.api.error;

import java.time.Duration;

/**
 * The gateway is at its cap of requests in flight and refused this request at once rather than
 * queue it (load shedding). An HTTP endpoint answers 503 with {@code Retry-After}.
 *
 * <p>Thread-safe once thrown.
 */
public class OverloadedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final int limit;
  private final Duration retryAfter;

  public OverloadedException(int limit, Duration retryAfter) {
    super(ErrorKind.OVERLOADED, "the gateway is at its cap of " + limit
        + " requests in flight; the request was refused, not queued", true, null);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /** The cap of requests in flight. */
  public int limit() {
    return limit;
  }

  /** A suggested wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
