package dev.aegis.core.internal.usage;

import dev.aegis.api.chat.Usage;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of a request's usage, each token class at its own rate and no token counted twice:
 * {@code inputTokens} includes cache reads and writes, so uncached input is what remains after
 * them; {@code outputTokens} includes reasoning, so plain output is what remains after it.
 */
public final class Costs {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  /** Cost is kept to a billionth of a dollar, well below any provider's billing unit. */
  private static final int SCALE = 9;

  private Costs() {}

  /** The cost in US dollars of {@code usage} at {@code price}. */
  public static BigDecimal of(Usage usage, PriceTable.Price price) {
    long cacheRead = usage.cacheReadTokens();
    // a write whose lifetime the provider did not split out is charged at the 5-minute (default) rate
    long cacheWrite1h = Math.min(usage.cacheWrite1hTokens(), usage.cacheWriteTokens());
    long cacheWrite5m = usage.cacheWriteTokens() - cacheWrite1h;
    long uncached = Math.max(0, usage.inputTokens() - cacheRead - cacheWrite5m - cacheWrite1h);
    long reasoning = Math.min(usage.reasoningTokens(), usage.outputTokens());
    long output = usage.outputTokens() - reasoning;
    BigDecimal micro = price.inputPerMillion().multiply(BigDecimal.valueOf(uncached))
        .add(price.cacheReadRate().multiply(BigDecimal.valueOf(cacheRead)))
        .add(price.cacheWrite5mRate().multiply(BigDecimal.valueOf(cacheWrite5m)))
        .add(price.cacheWrite1hRate().multiply(BigDecimal.valueOf(cacheWrite1h)))
        .add(price.outputPerMillion().multiply(BigDecimal.valueOf(output)))
        .add(price.reasoningRate().multiply(BigDecimal.valueOf(reasoning)));
    return micro.divide(MILLION, SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }

  /** The worst-case cost of a request before the call: the prompt at the input rate plus {@code maxOutput} at the output rate. */
  public static BigDecimal estimate(long promptTokens, long maxOutput, PriceTable.Price price) {
    return price.inputPerMillion().multiply(BigDecimal.valueOf(promptTokens))
        .add(price.outputPerMillion().max(price.reasoningRate()).multiply(BigDecimal.valueOf(maxOutput)))
        .divide(MILLION, SCALE, RoundingMode.UP).stripTrailingZeros();
  }
}
