package dev.aegis.api.error;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The caller's (key's, tenant's, ...) budget for the current period cannot take this request:
 * its reservation (estimated prompt cost plus {@code max_tokens} at the output price) would
 * exceed what remains.
 *
 * <p>Thread-safe once thrown.
 */
public class BudgetExceededException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String budget;
  private final @Nullable String period;
  private final @Nullable BigDecimal remaining;

  public BudgetExceededException(String budget, String message) {
    this(budget, null, null, message);
  }

  /**
   * @param budget the budget's name
   * @param period the period's id (e.g. {@code 2026-03-29}), or {@code null}
   * @param remaining what remains of the budget in that period, or {@code null}
   * @param message the gateway's words
   */
  public BudgetExceededException(String budget, @Nullable String period, @Nullable BigDecimal remaining,
      String message) {
    super(ErrorKind.BUDGET_EXCEEDED, message, false, null);
    this.budget = budget;
    this.period = period;
    this.remaining = remaining;
  }

  /** The name of the exhausted budget. */
  public String budget() {
    return budget;
  }

  /** The period of the budget that is exhausted, or {@code null}. */
  public @Nullable String period() {
    return period;
  }

  /** What remains in that period, or {@code null}. */
  public @Nullable BigDecimal remaining() {
    return remaining;
  }
}
