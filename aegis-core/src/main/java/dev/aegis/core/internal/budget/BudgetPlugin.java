package dev.aegis.core.internal.budget;

import dev.aegis.api.Principal;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetCharge;
import dev.aegis.api.budget.BudgetDecision;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.BudgetExceededException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.Admission;
import dev.aegis.api.limit.AdmissionStore;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.internal.RouteCatalog;
import dev.aegis.core.internal.auth.AuthPlugin;
import dev.aegis.core.internal.limit.LimitsPlugin;
import dev.aegis.core.internal.tokens.RequestEstimate;
import dev.aegis.core.internal.usage.ActualUsage;
import dev.aegis.core.internal.usage.Costs;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The built-in budget plugin, right after the limits: reserves, before any call, the request's
 * worst-case cost (prompt estimate at the input rate plus {@code max_tokens} at the output rate,
 * at the priciest target of its route) on every budget that applies — the gateway's per tenant
 * and per key, and the key's own — all or nothing; refuses with {@link BudgetExceededException}
 * when one cannot take it; labels the request {@code budget=low} when a budget has less than the
 * threshold share left (else {@code budget=ok}) for conditional routing; and in {@code onComplete},
 * on every outcome, replaces the reservation by the actual cost (for a cancelled stream: what was
 * streamed).
 */
public final class BudgetPlugin implements Plugin {
  /** The label conditional routing reads. */
  public static final LabelKey<String> BUDGET = LabelKey.of("budget");
  private static final AttributeKey<Reservation> RESERVED = AttributeKey.create("aegis.budget", Reservation.class);

  private final List<Budget> budgets;
  private final BudgetStore store;
  private final PriceTable prices;
  private final TokenEstimator estimator;
  private final int defaultMaxTokens;
  private final RouteCatalog catalog;
  private final Clock clock;
  private final BigDecimal lowShareDecimal;
  /** Set when the limiter and budget store are one {@link AdmissionStore}: limits and budgets go in one call. */
  private final @Nullable AdmissionStore admission;
  private final @Nullable LimitsPlugin limitsPlugin;

  /** What one request reserved. */
  private record Reservation(String partition, List<BudgetCharge> charges) {}

  /**
   * With {@code limits} set, the limits plugin defers to this one: {@code store} is then an
   * {@link AdmissionStore} and each request makes one store call before the provider and one after.
   */
  public BudgetPlugin(List<Budget> budgets, BudgetStore store, PriceTable prices, TokenEstimator estimator,
      int defaultMaxTokens, RouteCatalog catalog, Clock clock, double lowShare, @Nullable LimitsPlugin limits) {
    this.admission = limits == null ? null : (AdmissionStore) store;
    this.limitsPlugin = limits;
    this.budgets = List.copyOf(budgets);
    this.store = store;
    this.prices = prices;
    this.estimator = estimator;
    this.defaultMaxTokens = defaultMaxTokens;
    this.catalog = catalog;
    this.clock = clock;
    this.lowShareDecimal = BigDecimal.valueOf(lowShare);
  }

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    VirtualKey key = exchange.attributes().get(AuthPlugin.KEY);
    LimitRequest pending = admission == null ? null : exchange.attributes().remove(LimitsPlugin.PENDING);
    if (budgets.isEmpty() && (key == null || key.budgets().isEmpty())) {
      return limitsOnly(exchange, pending);
    }
    Principal p = exchange.principal();
    String tenant = p == null ? null : p.tenant();
    String partition = tenant == null ? "-" : tenant;
    List<BudgetCharge> charges = charges(partition, key, worstCase(exchange));
    if (charges.isEmpty()) {
      return limitsOnly(exchange, pending);
    }
    BudgetDecision decision;
    if (pending == null) {
      decision = store.reserve(partition, charges);
    } else {
      Admission both = admission.admit(pending, charges);
      LimitsPlugin.admitted(exchange, pending, both.limits()); // throws when a limit refused
      decision = both.budgets();
    }
    if (!decision.reserved()) {
      BudgetCharge hit = decision.rejectedBy();
      BudgetStatus status = decision.statuses().get(charges.indexOf(hit));
      Budget b = hit.budget();
      throw new BudgetExceededException(b.name(), hit.periodId(), status.remaining(), "budget '" + b.name()
          + "' (" + b.amount().toPlainString() + " " + b.currency() + " " + b.period().name().toLowerCase(java.util.Locale.ROOT)
          + ") has " + status.remaining().toPlainString() + " " + b.currency() + " left in the period starting "
          + hit.periodId() + "; this request would reserve up to " + hit.amount().toPlainString() + " " + b.currency());
    }
    exchange.attributes().put(RESERVED, new Reservation(partition, charges));
    boolean low = false;
    for (BudgetStatus s : decision.statuses()) {
      // remaining < lowShare x amount: BudgetStatus.remainingShare() in exact arithmetic, without
      // BigDecimal.doubleValue's detour through a string (about 0.3 KB per request)
      low |= s.remaining().compareTo(s.budget().amount().multiply(lowShareDecimal)) < 0;
    }
    exchange.labels().set(BUDGET, low ? "low" : "ok");
    return RequestDecision.proceed();
  }

  private RequestDecision limitsOnly(Exchange exchange, @Nullable LimitRequest pending) {
    if (pending != null) {
      LimitsPlugin.admitted(exchange, pending, admission.acquire(pending));
    }
    return RequestDecision.proceed();
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    Reservation r = exchange.attributes().remove(RESERVED);
    if (admission != null) {
      // runs before the limits plugin's onComplete (reverse order), so it takes the limits too
      LimitRequest limits = exchange.attributes().remove(LimitsPlugin.ADMITTED);
      if (limits != null) {
        long tokens = limitsPlugin.actualTokens(exchange, outcome, limits);
        if (r == null) {
          admission.settle(limits, tokens);
        } else {
          admission.settle(limits, tokens, r.charges(), actualCost(exchange, outcome));
        }
        return;
      }
    }
    if (r == null) {
      return;
    }
    store.settle(r.partition(), r.charges(), actualCost(exchange, outcome));
  }

  private BigDecimal actualCost(Exchange exchange, Outcome outcome) {
    BigDecimal actual = BigDecimal.ZERO;
    TargetInfo served = ActualUsage.servedBy(outcome.target(), outcome.attempts(), catalog);
    if (served != null && !ActualUsage.answeredFromCache(exchange)) {
      String model = RouteCatalog.modelOf(served, RouteCatalog.requested(exchange));
      PriceTable.Price price = prices.price(served.providerType(), model);
      if (price != null) {
        Usage used = ActualUsage.of(outcome, exchange, estimator, defaultMaxTokens, model);
        actual = Costs.of(used, price);
      }
    }
    return actual;
  }

  /** The priciest target's estimate; unpriced targets count zero (their cost is never known). */
  private BigDecimal worstCase(Exchange exchange) {
    RequestEstimate estimate = RequestEstimate.of(exchange, estimator, defaultMaxTokens);
    String requested = RouteCatalog.requested(exchange);
    BigDecimal worst = BigDecimal.ZERO;
    for (TargetInfo t : catalog.targetsOf(requested)) {
      String model = RouteCatalog.modelOf(t, requested);
      PriceTable.Price price = prices.price(t.providerType(), model);
      if (price != null) {
        worst = worst.max(Costs.estimate(estimate.prompt(model), estimate.maxOutput(), price));
      }
    }
    return worst;
  }


  /** Where the budgets of a tenant (and a key) stand now, for admin APIs. */
  public List<BudgetStatus> statuses(@Nullable String tenant, @Nullable VirtualKey key) {
    String partition = tenant == null ? "-" : tenant;
    List<BudgetStatus> out = new ArrayList<>();
    for (BudgetCharge c : charges(partition, key, BigDecimal.ZERO)) {
      out.add(store.status(partition, c));
    }
    return out;
  }

  /** A charge of {@code amount} on every budget that applies, in its current period. */
  private List<BudgetCharge> charges(String partition, @Nullable VirtualKey key, BigDecimal amount) {
    Instant now = clock.instant();
    List<BudgetCharge> charges = new ArrayList<>(2);
    for (int source = 0; source < 2; source++) {
      List<Budget> from = source == 0 ? budgets : key == null ? List.of() : key.budgets();
      for (Budget b : from) {
        String owner = b.scope() == Budget.Scope.KEY ? key == null ? null : "key=" + key.id()
            : "tenant=" + partition;
        if (owner == null) {
          continue;
        }
        ZonedDateTime start = b.period().start(now, b.zone());
        String periodId = start.toLocalDate().toString();
        charges.add(new BudgetCharge((source == 0 ? "g:" : "k:") + owner + ':' + b.name() + ':' + periodId, b,
            periodId, b.period().next(start).toInstant(), amount));
      }
    }
    return charges;
  }
}
