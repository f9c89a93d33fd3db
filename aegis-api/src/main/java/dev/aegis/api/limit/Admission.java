package dev.aegis.api.limit;

import dev.aegis.api.budget.BudgetDecision;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AdmissionStore#admit} decided: the limits' decision and, when they admitted the
 * request and it had charges, the budgets' decision.
 *
 * <p>Immutable and thread-safe.
 *
 * @param limits the rate limits' decision
 * @param budgets the budgets' decision, or {@code null} when the limits refused the request or it had no charge
 */
public record Admission(LimitDecision limits, @Nullable BudgetDecision budgets) {
  public Admission {
    Objects.requireNonNull(limits, "limits");
    if (!limits.admitted() && budgets != null) {
      throw new IllegalArgumentException("a request refused by its limits reserves no budget");
    }
  }
}
