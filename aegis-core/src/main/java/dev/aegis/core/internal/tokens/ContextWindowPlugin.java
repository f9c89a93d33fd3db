package dev.aegis.core.internal.tokens;

import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.routing.PriceTable;

/**
 * The built-in context-window check: a target whose model's context window (from the price
 * table) cannot hold the request — its prompt estimate plus {@code max_tokens} (or the configured
 * default) — is ineligible, with the figures as the reason, so no call is wasted on a 400. Targets
 * whose window is unknown stay eligible.
 */
public final class ContextWindowPlugin implements Plugin {
  private final PriceTable prices;
  private final TokenEstimator estimator;
  private final int defaultMaxTokens;

  public ContextWindowPlugin(PriceTable prices, TokenEstimator estimator, int defaultMaxTokens) {
    this.prices = prices;
    this.estimator = estimator;
    this.defaultMaxTokens = defaultMaxTokens;
  }

  @Override
  public String name() {
    return "context-window";
  }

  @Override
  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    if (target.model().isEmpty()) {
      return Eligibility.keep();
    }
    PriceTable.Price price = prices.price(target.providerType(), target.model());
    if (price == null || price.contextWindow() == 0) {
      return Eligibility.keep();
    }
    RequestEstimate estimate = RequestEstimate.of(exchange, estimator, defaultMaxTokens);
    long needed = estimate.total(target.model());
    if (needed <= price.contextWindow()) {
      return Eligibility.keep();
    }
    return Eligibility.drop("the request needs about " + needed + " tokens (prompt " + estimate.prompt(target.model())
        + " + max_tokens " + estimate.maxOutput() + ") but the context window of '" + target.model() + "' is "
        + price.contextWindow());
  }
}
