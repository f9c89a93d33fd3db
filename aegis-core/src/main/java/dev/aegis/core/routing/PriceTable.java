package dev.aegis.core.routing;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prices per million tokens, looked up by provider type and upstream model, for the {@code cost}
 * strategy and for cost accounting.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.of(Map.of("openai/gpt-4o-mini", PriceTable.Price.of("0.15", "0.60")));
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PriceTable {

  /** The price for a model of a provider type, or {@code null} when unknown. */
  @Nullable Price price(String providerType, String model);

  /** No prices known. */
  PriceTable NONE = (type, model) -> null;

  /** Prices keyed by {@code "<providerType>/<model>"} (or by model alone). */
  static PriceTable of(Map<String, Price> prices) {
    Map<String, Price> copy = Map.copyOf(prices);
    return (type, model) -> {
      Price p = copy.get(type + "/" + model);
      return p != null ? p : copy.get(model);
    };
  }

  /**
   * Dollars per million input and output tokens.
   *
   * @param inputPerMillion price of a million input tokens
   * @param outputPerMillion price of a million output tokens
   */
  record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    public static Price of(String inputPerMillion, String outputPerMillion) {
      return new Price(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /** A comparable figure for a typical request: input plus output price. */
    public BigDecimal blended() {
      return inputPerMillion.add(outputPerMillion);
    }
  }
}
