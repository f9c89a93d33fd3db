package dev.aegis.redis.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in Redis: whole billionths of the currency (the scale of aegis's cost), so counters are
 * exact integers that {@code HINCRBY} adds. Up to about nine million units per counter stay
 * exact in a script's arithmetic (2^53 billionths).
 */
public final class Money {
  private static final int SCALE = 9;

  private Money() {}

  /** {@code amount} in billionths, rounded up (a reservation never falls short). */
  public static long up(BigDecimal amount) {
    return amount.movePointRight(SCALE).setScale(0, RoundingMode.UP).longValueExact();
  }

  /** {@code amount} in billionths, rounded down (a cap is never exceeded). */
  public static long down(BigDecimal amount) {
    return amount.movePointRight(SCALE).setScale(0, RoundingMode.DOWN).longValueExact();
  }

  public static BigDecimal of(long billionths) {
    BigDecimal d = BigDecimal.valueOf(billionths, SCALE).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
