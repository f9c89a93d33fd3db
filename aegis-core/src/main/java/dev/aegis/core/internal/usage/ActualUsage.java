package dev.aegis.core.internal.usage;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.internal.RouteCatalog;
import dev.aegis.core.internal.tokens.RequestEstimate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a request actually used, for reconciliation: the provider's reported usage when there is
 * one; for a stream that ended without a usage chunk (cancelled, or failed after it started) the
 * prompt estimate plus the tokens of what was actually streamed; zero when nothing was produced.
 */
public final class ActualUsage {
  private ActualUsage() {}

  public static Usage of(Outcome outcome, Exchange exchange, TokenEstimator estimator, int defaultMaxTokens,
      @Nullable String model) {
    Usage reported = outcome.embeddingResponse() != null ? outcome.embeddingResponse().usage() : outcome.usage();
    if (reported.totalTokens() > 0) {
      return reported;
    }
    ChatResponse streamed = outcome.response();
    if (streamed == null || outcome.attempts().isEmpty()) {
      return Usage.ZERO; // nothing reached a provider, or nothing came back
    }
    int out = estimator.estimate(streamed.text(), model);
    // the estimate is made only here: an answer with reported usage never needs it
    return Usage.of(RequestEstimate.of(exchange, estimator, defaultMaxTokens).prompt(model), out);
  }

  /**
   * Whether the response cache answered the request: no provider was called, so it used no
   * provider tokens and cost nothing, whatever usage the cached answer reports.
   */
  public static boolean answeredFromCache(Exchange exchange) {
    return exchange.cacheResult() != null && exchange.cacheResult().isHit();
  }

  /**
   * The target that served the request: {@code target} when known, else the last successful
   * attempt's, else the last attempt's (a stream cancelled while it was being served).
   */
  public static @Nullable TargetInfo servedBy(@Nullable String target, List<Attempt> attempts,
      RouteCatalog catalog) {
    String name = target;
    for (int i = attempts.size() - 1; i >= 0 && name == null; i--) {
      if (attempts.get(i).outcome() == Attempt.Outcome.SUCCESS) {
        name = attempts.get(i).target();
      }
    }
    if (name == null && !attempts.isEmpty()) {
      name = attempts.get(attempts.size() - 1).target(); // a cancelled stream: it was being served there
    }
    return name == null ? null : catalog.targets().get(name);
  }
}
