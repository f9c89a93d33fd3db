package dev.aegis.api.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget refused a request (or a reservation would exceed it). Published by the budget plugin.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param budget the budget's name
 * @param scope what it is kept per ({@code key}, {@code tenant}, ...)
 * @param limit the budget's amount in US dollars
 * @param spent what was spent (and reserved) in the current period
 *     <p>Immutable and thread-safe.
 */
public record BudgetHit(Instant timestamp, RequestInfo request, String budget, String scope, BigDecimal limit,
    BigDecimal spent) implements GatewayEvent {
  @Override
  public String name() {
    return "budget.hit";
  }
}
