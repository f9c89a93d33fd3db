package dev.aegis.api.budget;

import dev.aegis.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link BudgetStore#reserve} decided: every charge reserved, or none (naming the first
 * budget that could not take its charge), with where each budget stands afterwards.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reserved whether every charge was reserved
 * @param rejectedBy the charge that did not fit, or {@code null}
 * @param statuses each budget's status after the decision, in the order of the charges
 */
public record BudgetDecision(boolean reserved, @Nullable BudgetCharge rejectedBy, List<BudgetStatus> statuses) {
  public BudgetDecision {
    statuses = Checks.copyOf(statuses, "statuses");
    if (reserved == (rejectedBy != null)) {
      throw new IllegalArgumentException("a decision is reserved exactly when no charge was rejected");
    }
  }
}
