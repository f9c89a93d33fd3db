package dev.aegis.core.internal.tokens;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Exchange;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One request's token estimate, shared by the limits, budget and context-window plugins so the
 * prompt is counted once per upstream model: the prompt's tokens (by the model's tokenizer where
 * there is one) and the output it may produce ({@code max_tokens}, or the configured default).
 *
 * <p>Thread-safe: eligibility checks of a hedged request may ask concurrently.
 */
public final class RequestEstimate {
  private static final AttributeKey<RequestEstimate> KEY = AttributeKey.create("aegis.estimate", RequestEstimate.class);

  private final Exchange exchange;
  private final TokenEstimator estimator;
  private final int maxOutput;
  private final ConcurrentHashMap<String, Integer> prompts = new ConcurrentHashMap<>(2);

  private RequestEstimate(Exchange exchange, TokenEstimator estimator, int defaultMaxTokens) {
    this.exchange = exchange;
    this.estimator = estimator;
    Integer max = exchange.isEmbedding() ? Integer.valueOf(0) : exchange.request().maxTokens();
    this.maxOutput = max != null ? max : defaultMaxTokens;
  }

  /** The request's estimate, created on first use. */
  public static RequestEstimate of(Exchange exchange, TokenEstimator estimator, int defaultMaxTokens) {
    return exchange.attributes().computeIfAbsent(KEY, () -> new RequestEstimate(exchange, estimator, defaultMaxTokens));
  }

  /** Output tokens the request may produce. */
  public int maxOutput() {
    return maxOutput;
  }

  /** Prompt tokens for an upstream model ({@code null}: the requested model or alias). */
  public int prompt(@Nullable String model) {
    String m = model != null ? model : String.valueOf(requested());
    Integer known = prompts.get(m);
    if (known != null) {
      return known;
    }
    int counted = count(model != null ? model : requested());
    prompts.putIfAbsent(m, counted);
    return counted;
  }

  /** Prompt plus maximal output tokens for an upstream model. */
  public long total(@Nullable String model) {
    return (long) prompt(model) + maxOutput;
  }

  private @Nullable String requested() {
    return dev.aegis.core.internal.RouteCatalog.requested(exchange);
  }

  private int count(@Nullable String model) {
    TokenEstimator forModel = (text, ignored) -> estimator.estimate(text, model);
    if (exchange.isEmbedding()) {
      int total = 0;
      for (String input : exchange.embeddingRequest().inputs()) {
        total += forModel.estimate(input, model);
      }
      return total;
    }
    ChatRequest request = exchange.request();
    return forModel.estimate(request);
  }
}
