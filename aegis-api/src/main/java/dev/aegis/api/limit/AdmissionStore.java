package dev.aegis.api.limit;

import dev.aegis.api.budget.BudgetCharge;
import dev.aegis.api.budget.BudgetStore;
import java.math.BigDecimal;
import java.util.List;

/**
 * An optional capability of a store that keeps both the rate limiters and the budgets: it checks
 * and consumes a request's limits and reserves its budgets in <em>one</em> atomic step, and settles
 * both in one step, so a distributed store makes one round trip before the provider call and one
 * after instead of two and two. When the gateway's limiter store and budget store are the same
 * object and it implements this interface, the gateway calls {@link #admit} and {@link #settle}
 * instead of {@link LimiterStore#acquire}/{@link BudgetStore#reserve} and their settles; the
 * decisions are the same as the two calls in a row would give.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AdmissionStore extends LimiterStore, BudgetStore {

  /**
   * Acquires {@code limits} exactly as {@link #acquire} does; if they are admitted, reserves
   * {@code charges} in the same partition exactly as {@link #reserve} does. A refused limit leaves
   * every counter and budget as it was; a refused budget leaves the limits consumed (they are given
   * back by {@link #settle}, as after the two separate calls).
   */
  Admission admit(LimitRequest limits, List<BudgetCharge> charges);

  /**
   * {@link #settle(LimitRequest, long)} of the limits and {@link #settle(String, List, BigDecimal)}
   * of the charges in one step; {@code charges} is empty when nothing was reserved.
   */
  void settle(LimitRequest limits, long actualTokens, List<BudgetCharge> charges, BigDecimal actualCost);
}
