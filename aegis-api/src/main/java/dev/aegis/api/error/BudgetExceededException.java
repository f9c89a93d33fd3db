package dev.aegis.api.error;

/**
 * The caller's (key's, tenant's, ...) budget for the current period is spent.
 *
 * <p>Thread-safe once thrown.
 */
public class BudgetExceededException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String budget;

  public BudgetExceededException(String budget, String message) {
    super(ErrorKind.BUDGET_EXCEEDED, message, false, null);
    this.budget = budget;
  }

  /** The name of the exhausted budget. */
  public String budget() {
    return budget;
  }
}
