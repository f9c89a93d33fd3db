package dev.aegis.api.internal;

import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.RateLimit;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The GCRA arithmetic every {@link dev.aegis.api.limit.LimiterStore} shares (in memory in core, on
 * Redis in aegis-redis), so both report the same numbers: a request's share of a limit's interval,
 * what a free stretch of it still admits, and the status of the tightest limits.
 *
 * <p>Stateless and thread-safe.
 */
public final class Gcra {
  private Gcra() {}

  /** {@code cost · period / amount}, exact without overflow. */
  public static long share(long cost, long period, long amount) {
    long hi = Math.multiplyHigh(cost, period);
    if (hi == 0 && cost * period >= 0) {
      return cost * period / amount;
    }
    return BigInteger.valueOf(cost).multiply(BigInteger.valueOf(period)).divide(BigInteger.valueOf(amount))
        .longValueExact();
  }

  /** Units that fit into {@code free} of a limit of {@code amount} per {@code period} (same unit). */
  public static long remaining(long free, long period, long amount) {
    if (free <= 0) {
      return 0;
    }
    long hi = Math.multiplyHigh(free, amount);
    if (hi == 0 && free * amount >= 0) {
      return free * amount / period;
    }
    return BigInteger.valueOf(free).multiply(BigInteger.valueOf(amount)).divide(BigInteger.valueOf(period))
        .longValueExact();
  }

  /**
   * What remains of the tightest request and token limits, given each rate counter's backlog in
   * nanoseconds (how far its theoretical arrival time is ahead of now; concurrency checks ignored).
   */
  public static LimitStatus status(List<LimitCheck> checks, long[] backlogNanos) {
    long limitRequests = -1;
    long remainingRequests = Long.MAX_VALUE;
    long resetRequests = 0;
    long limitTokens = -1;
    long remainingTokens = Long.MAX_VALUE;
    long resetTokens = 0;
    for (int i = 0; i < checks.size(); i++) {
      RateLimit limit = checks.get(i).limit();
      if (limit.kind() == RateLimit.Kind.CONCURRENT) {
        continue;
      }
      long backlog = backlogNanos[i];
      long period = limit.per().toNanos();
      long remaining = remaining(period - backlog, period, limit.amount());
      if (limit.kind() == RateLimit.Kind.REQUESTS) {
        if (remaining < remainingRequests) {
          remainingRequests = remaining;
          limitRequests = limit.amount();
          resetRequests = backlog;
        }
      } else if (remaining < remainingTokens) {
        remainingTokens = remaining;
        limitTokens = limit.amount();
        resetTokens = backlog;
      }
    }
    if (limitRequests < 0 && limitTokens < 0) {
      return LimitStatus.NONE;
    }
    return new LimitStatus(limitRequests, limitRequests < 0 ? -1 : remainingRequests, Duration.ofNanos(resetRequests),
        limitTokens, limitTokens < 0 ? -1 : remainingTokens, Duration.ofNanos(resetTokens));
  }
}
