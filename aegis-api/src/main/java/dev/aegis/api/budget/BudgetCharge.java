package dev.aegis.api.budget;

import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One budget one request draws on, for one period: the counter's key, the budget, the period's
 * id (its start, e.g. {@code 2026-03-29}) and end (a store lets the counter expire after it), and
 * the amount to reserve.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the counter's key, unique per scope value, budget and period
 * @param budget the budget
 * @param periodId the period's id
 * @param periodEnd when the period ends
 * @param amount what this request reserves, not negative
 */
public record BudgetCharge(String key, Budget budget, String periodId, Instant periodEnd, BigDecimal amount) {
  public BudgetCharge {
    Checks.notBlank(key, "key");
    Checks.notNull(budget, "budget");
    Checks.notBlank(periodId, "periodId");
    Checks.notNull(periodEnd, "periodEnd");
    Checks.notNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a budget charge must not be negative but was " + amount);
    }
  }
}
