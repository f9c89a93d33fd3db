package dev.aegis.api.budget;

import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where one budget stands in its current period: spent (settled), reserved by requests in
 * flight, and what remains ({@code amount - spent - reserved}, never below zero).
 *
 * <p>Immutable and thread-safe.
 *
 * @param budget the budget
 * @param periodId the period's id
 * @param periodEnd when it resets
 * @param spent settled spend in the period
 * @param reserved reservations of requests in flight
 * @param remaining what is left to reserve
 */
public record BudgetStatus(Budget budget, String periodId, Instant periodEnd, BigDecimal spent, BigDecimal reserved,
    BigDecimal remaining) {
  public BudgetStatus {
    Checks.notNull(budget, "budget");
    Checks.notBlank(periodId, "periodId");
    Checks.notNull(periodEnd, "periodEnd");
    Checks.notNull(spent, "spent");
    Checks.notNull(reserved, "reserved");
    Checks.notNull(remaining, "remaining");
  }

  /** The share of the budget that remains, from 0 to 1. */
  public double remainingShare() {
    return remaining.doubleValue() / budget.amount().doubleValue();
  }
}
