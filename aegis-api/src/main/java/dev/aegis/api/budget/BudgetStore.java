package dev.aegis.api.budget;

import java.math.BigDecimal;
import java.util.List;

/**
 * The state of the budgets (in memory by default; on Redis for many instances). Each method is one
 * atomic operation over the counters of one partition (the tenant), so a distributed store runs it
 * as one script in one hash slot and no caller reads, modifies and writes back. Counters of a
 * period are kept until shortly after it ends.
 *
 * <p>Concurrent requests can never overspend: a reservation is admitted only if spent plus every
 * reservation in flight plus its own amount fits the budget.
 *
 * <p>Implementations must be thread-safe.
 */
public interface BudgetStore {

  /** Reserves every charge, or none when any would exceed its budget. */
  BudgetDecision reserve(String partition, List<BudgetCharge> charges);

  /**
   * Ends a reservation: removes each charge's reserved amount and adds {@code actual} to what was
   * spent in its period (also when that period has ended since: the request began in it).
   */
  void settle(String partition, List<BudgetCharge> reserved, BigDecimal actual);

  /** Where the budget of a charge's counter stands (the charge's amount is ignored). */
  BudgetStatus status(String partition, BudgetCharge charge);
}
