package dev.aegis.core.internal.usage;

import dev.aegis.api.Principal;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.usage.UsageRecord;
import dev.aegis.api.usage.UsageStore;
import dev.aegis.core.internal.RouteCatalog;
import dev.aegis.core.internal.tokens.RequestEstimate;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The built-in usage-and-cost plugin: prices each answer (each token class at its own rate; an
 * unknown model stays unpriced) into its metadata's {@code cost}, and at the end of every request,
 * whatever its outcome, adds one {@link UsageRecord} to the usage store and hands it to the usage
 * sinks' dispatcher (asynchronous, never blocking the request).
 */
public final class UsagePlugin implements Plugin {
  private final PriceTable prices;
  private final UsageStore store;
  private final RouteCatalog catalog;
  private final TokenEstimator estimator;
  private final int defaultMaxTokens;
  private final Clock clock;
  private final Consumer<UsageRecord> sinks;

  public UsagePlugin(PriceTable prices, UsageStore store, RouteCatalog catalog, TokenEstimator estimator,
      int defaultMaxTokens, Clock clock, Consumer<UsageRecord> sinks) {
    this.sinks = sinks;
    this.prices = prices;
    this.store = store;
    this.catalog = catalog;
    this.estimator = estimator;
    this.defaultMaxTokens = defaultMaxTokens;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "usage";
  }

  @Override
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    TargetInfo served = ActualUsage.servedBy(null, exchange.attempts(), catalog);
    if (served == null || response.metadata().cost() != null) {
      return ResponseDecision.keep();
    }
    BigDecimal cost = cost(served, exchange, response.usage());
    if (cost == null) {
      return ResponseDecision.keep();
    }
    return ResponseDecision.replace(response.toBuilder()
        .metadata(response.metadata().toBuilder().cost(cost).build()).build());
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    TargetInfo served = ActualUsage.servedBy(outcome.target(), outcome.attempts(), catalog);
    String requested = requested(exchange);
    String model = served == null ? null : RouteCatalog.modelOf(served, requested);
    Usage used = served == null ? outcome.usage()
        : ActualUsage.of(outcome, RequestEstimate.of(exchange, estimator, defaultMaxTokens), estimator, model);
    BigDecimal cost = served == null ? null : cost(served, exchange, used);
    Principal p = exchange.principal();
    UsageRecord record = new UsageRecord(exchange.requestId(), clock.instant(), p == null ? null : p.tenant(),
        p == null ? null : p.user(), p == null ? null : p.keyId(), exchange.requestedModel(),
        served == null ? null : served.name(), served == null ? null : served.provider(), model, used, cost,
        outcome.latency(), outcome.status(), outcome.error() == null ? null : outcome.error().kind());
    store.add(record);
    sinks.accept(record);
  }

  private @Nullable BigDecimal cost(TargetInfo served, Exchange exchange, Usage usage) {
    PriceTable.Price price = prices.price(served.providerType(), RouteCatalog.modelOf(served, requested(exchange)));
    return price == null ? null : Costs.of(usage, price);
  }

  private static @Nullable String requested(Exchange exchange) {
    return exchange.isEmbedding() ? exchange.embeddingRequest().model() : exchange.request().model();
  }
}
