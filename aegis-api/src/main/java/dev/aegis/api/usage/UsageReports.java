package dev.aegis.api.usage;

import dev.aegis.api.budget.BudgetStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Read access to usage, spend and budgets, for the HTTP endpoint's admin API (which sees only
 * aegis-api): reached through {@link dev.aegis.api.AiGateway#usage()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface UsageReports {

  /** Aggregated usage and spend for a time range. */
  List<UsageBucket> query(UsageQuery query);

  /**
   * Where the budgets of a tenant (and, with a key id, that key's own budgets too) stand in their
   * current periods.
   */
  List<BudgetStatus> budgets(@Nullable String tenant, @Nullable String keyId);
}
