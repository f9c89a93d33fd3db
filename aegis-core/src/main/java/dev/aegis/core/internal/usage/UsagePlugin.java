package dev.aegis.core.internal.usage;

import dev.aegis.api.Principal;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.usage.UsageRecord;
import dev.aegis.api.usage.UsageStore;
import dev.aegis.core.internal.RouteCatalog;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The built-in usage-and-cost plugin: prices each answer (each token class at its own rate; an
 * unknown model stays unpriced) into its metadata's {@code cost} — for a stream from its usage
 * chunk — through {@link Exchange#responseCost}, and at the end of every request,
 * whatever its outcome, adds one {@link UsageRecord} to the usage store and hands it to the usage
 * sinks' dispatcher (asynchronous, never blocking the request).
 */
public final class UsagePlugin implements Plugin {
  private static final AttributeKey<TargetInfo> ATTEMPTING = AttributeKey.create("aegis.usage.target", TargetInfo.class);
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

  /** Remembers the target of the attempt under way: a stream's usage chunk arrives before it is recorded. */
  @Override
  public void onAttempt(Exchange exchange, TargetInfo target) {
    exchange.attributes().put(ATTEMPTING, target);
  }

  @Override
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    publishCost(exchange, response.usage());
    return ResponseDecision.keep();
  }

  /** Prices the stream from its usage chunk as it passes; the chunks themselves pass unchanged. */
  @Override
  public @Nullable StreamTransformer onStream(Exchange exchange) {
    return (chunk, out) -> {
      Usage usage = chunk.usage();
      if (usage != null) {
        publishCost(exchange, usage);
      }
      out.emit(chunk);
    };
  }

  private void publishCost(Exchange exchange, Usage usage) {
    TargetInfo served = exchange.attributes().get(ATTEMPTING);
    BigDecimal cost = served == null ? null : cost(served, exchange, usage);
    if (cost != null) {
      exchange.responseCost(cost);
    }
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    TargetInfo served = ActualUsage.servedBy(outcome.target(), outcome.attempts(), catalog);
    String requested = RouteCatalog.requested(exchange);
    String model = served == null ? null : RouteCatalog.modelOf(served, requested);
    boolean cached = ActualUsage.answeredFromCache(exchange);
    Usage used = cached ? Usage.ZERO : served == null ? outcome.usage()
        : ActualUsage.of(outcome, exchange, estimator, defaultMaxTokens, model);
    BigDecimal cost = cached ? BigDecimal.ZERO : served == null ? null : cost(served, exchange, used);
    Principal p = exchange.principal();
    UsageRecord record = new UsageRecord(exchange.requestId(), clock.instant(), p == null ? null : p.tenant(),
        p == null ? null : p.user(), p == null ? null : p.keyId(), exchange.requestedModel(),
        served == null ? null : served.name(), served == null ? null : served.provider(), model, used, cost,
        outcome.latency(), outcome.status(), outcome.error() == null ? null : outcome.error().kind());
    store.add(record);
    sinks.accept(record);
  }

  private @Nullable BigDecimal cost(TargetInfo served, Exchange exchange, Usage usage) {
    String model = RouteCatalog.modelOf(served, RouteCatalog.requested(exchange));
    PriceTable.Price price = prices.price(served.providerType(), model);
    return price == null ? null : Costs.of(usage, price);
  }

}
