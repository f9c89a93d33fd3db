package dev.aegis.core.resilience;

import java.time.Duration;

/**
 * How much load retries and hedges may add to a target, as Finagle's retry budget does: over a
 * sliding window, retries and hedges may be at most {@code ratio} of the target's first attempts,
 * plus {@code minPerWindow} so a quiet target can still retry. An attempt refused by the budget
 * is not made; the request moves on to its next target. A failing provider cannot triple the load
 * on itself.
 *
 * <pre>{@code
 * Gateway.builder().retryBudget(RetryBudget.of(0.1, Duration.ofSeconds(30), 5));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ratio the share of first attempts that retries and hedges may add, from 0 to 1
 * @param window the sliding window
 * @param minPerWindow retries always allowed per window
 */
public record RetryBudget(double ratio, Duration window, int minPerWindow) {
  /** 20% over 10 seconds, with 3 retries per window always allowed. */
  public static final RetryBudget DEFAULT = new RetryBudget(0.2, Duration.ofSeconds(10), 3);

  public RetryBudget {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("a retry budget's ratio must be between 0 and 1 but was " + ratio);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a retry budget's window must be positive but was " + window);
    }
    if (minPerWindow < 0) {
      throw new IllegalArgumentException("a retry budget's minimum must not be negative but was " + minPerWindow);
    }
  }

  public static RetryBudget of(double ratio, Duration window, int minPerWindow) {
    return new RetryBudget(ratio, window, minPerWindow);
  }
}
