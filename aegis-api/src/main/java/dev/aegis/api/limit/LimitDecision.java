package dev.aegis.api.limit;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LimiterStore#acquire} decided: admitted (every check consumed), or refused (none
 * consumed) naming the first limit that refused and when the request would be admitted. Both
 * carry the remaining requests and tokens of the tightest limits, for rate-limit headers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param admitted whether every check was consumed
 * @param rejectedBy the check that refused, or {@code null} when admitted
 * @param retryAfter when the refused request would be admitted, computed from the limiter state;
 *     {@link Duration#ZERO} when admitted (and for a full concurrency limit, whose release time is unknown)
 * @param status the remaining allowance of the tightest limits
 */
public record LimitDecision(boolean admitted, @Nullable LimitCheck rejectedBy, Duration retryAfter,
    LimitStatus status) {
  public LimitDecision {
    Checks.notNull(retryAfter, "retryAfter");
    Checks.notNull(status, "status");
    if (admitted == (rejectedBy != null)) {
      throw new IllegalArgumentException("a decision is admitted exactly when nothing rejected it");
    }
  }

  /** Admitted, with what remains. */
  public static LimitDecision admit(LimitStatus status) {
    return new LimitDecision(true, null, Duration.ZERO, status);
  }

  /** Refused by {@code check}. */
  public static LimitDecision reject(LimitCheck check, Duration retryAfter, LimitStatus status) {
    return new LimitDecision(false, Checks.notNull(check, "check"), retryAfter, status);
  }
}
