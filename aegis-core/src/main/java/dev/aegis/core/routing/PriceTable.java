package dev.aegis.core.routing;

import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Prices per million tokens, looked up by provider type and upstream model, for the {@code cost}
 * strategy, cost accounting, budget reservations and context-window checks.
 *
 * <p>{@link #builtIn()} is the table shipped with Aegis ({@code prices.tsv} beside this class):
 * every entry names the page it was read from and the date. An unknown model is unpriced
 * ({@code null}), never given a made-up price. Override or extend it in code:
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.of(Map.of("openai/my-finetune", PriceTable.Price.of("3.00", "12.00")))
 *     .orElse(PriceTable.builtIn());
 * }</pre>
 *
 * <p>Lookups try the exact model, then the model without a date or version suffix
 * ({@code -2024-08-06}, {@code -20250929}, {@code -v1:0}) and without a Bedrock region prefix
 * ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}).
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
    // lookups run per request and per eligibility check: remember each answer (unpriced ones
    // too), up to a bound, since pass-through targets can bring models from the request
    ConcurrentHashMap<String, ConcurrentHashMap<String, Object>> memo = new ConcurrentHashMap<>();
    Object unpriced = new Object();
    return (type, model) -> {
      ConcurrentHashMap<String, Object> byModel = memo.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
      Object hit = byModel.get(model);
      if (hit == null) {
        Price p = PriceKeys.lookup(copy, type, model);
        hit = p == null ? unpriced : p;
        if (byModel.size() < PriceKeys.MEMO_LIMIT) {
          byModel.put(model, hit);
        }
      }
      return hit == unpriced ? null : (Price) hit;
    };
  }

  /** The table shipped with Aegis; see {@code prices.tsv} for each entry's source and date. */
  static PriceTable builtIn() {
    return BuiltInPrices.TABLE;
  }

  /** This table, and {@code fallback} for what it does not know. */
  default PriceTable orElse(PriceTable fallback) {
    Checks.notNull(fallback, "fallback");
    return (type, model) -> {
      Price p = price(type, model);
      return p != null ? p : fallback.price(type, model);
    };
  }

  /**
   * Dollars per million tokens of each class, the context window, and where the figures were read.
   * A class without its own price ({@code null}) is charged at the rate it belongs to: cache reads
   * and writes at the input rate, 1-hour cache writes at the 5-minute rate, reasoning at the
   * output rate.
   *
   * @param inputPerMillion uncached input
   * @param outputPerMillion output (reasoning included unless priced separately)
   * @param cacheReadPerMillion input read from the prompt cache, or {@code null}
   * @param cacheWrite5mPerMillion input written to the cache for 5 minutes (the default TTL), or {@code null}
   * @param cacheWrite1hPerMillion input written to the cache for 1 hour, or {@code null}
   * @param reasoningPerMillion reasoning output, or {@code null}
   * @param contextWindow the context window in tokens, or 0 when unknown
   * @param source the address of the page the figures were read from, or {@code null} (set in code)
   * @param readOn the date they were read, or {@code null}
   */
  record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion, @Nullable BigDecimal cacheReadPerMillion,
      @Nullable BigDecimal cacheWrite5mPerMillion, @Nullable BigDecimal cacheWrite1hPerMillion,
      @Nullable BigDecimal reasoningPerMillion, long contextWindow, @Nullable String source,
      @Nullable LocalDate readOn) {
    public Price {
      Checks.notNull(inputPerMillion, "inputPerMillion");
      Checks.notNull(outputPerMillion, "outputPerMillion");
      if (contextWindow < 0) {
        throw new IllegalArgumentException("contextWindow must not be negative but was " + contextWindow);
      }
    }

    /** Input and output prices only. */
    public static Price of(String inputPerMillion, String outputPerMillion) {
      return new Price(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion), null, null, null, null, 0,
          null, null);
    }

    /** This price with a cache-read price. */
    public Price withCacheRead(String perMillion) {
      return new Price(inputPerMillion, outputPerMillion, new BigDecimal(perMillion), cacheWrite5mPerMillion,
          cacheWrite1hPerMillion, reasoningPerMillion, contextWindow, source, readOn);
    }

    /** This price with 5-minute and 1-hour cache-write prices. */
    public Price withCacheWrite(String fiveMinutes, String oneHour) {
      return new Price(inputPerMillion, outputPerMillion, cacheReadPerMillion, new BigDecimal(fiveMinutes),
          new BigDecimal(oneHour), reasoningPerMillion, contextWindow, source, readOn);
    }

    /** This price with a context window. */
    public Price withContextWindow(long tokens) {
      return new Price(inputPerMillion, outputPerMillion, cacheReadPerMillion, cacheWrite5mPerMillion,
          cacheWrite1hPerMillion, reasoningPerMillion, tokens, source, readOn);
    }

    /** A comparable figure for a typical request: input plus output price. */
    public BigDecimal blended() {
      return inputPerMillion.add(outputPerMillion);
    }

    /** The effective cache-read rate. */
    public BigDecimal cacheReadRate() {
      return cacheReadPerMillion != null ? cacheReadPerMillion : inputPerMillion;
    }

    /** The effective 5-minute cache-write rate. */
    public BigDecimal cacheWrite5mRate() {
      return cacheWrite5mPerMillion != null ? cacheWrite5mPerMillion : inputPerMillion;
    }

    /** The effective 1-hour cache-write rate. */
    public BigDecimal cacheWrite1hRate() {
      return cacheWrite1hPerMillion != null ? cacheWrite1hPerMillion : cacheWrite5mRate();
    }

    /** The effective reasoning rate. */
    public BigDecimal reasoningRate() {
      return reasoningPerMillion != null ? reasoningPerMillion : outputPerMillion;
    }
  }
}

/** The model names a lookup tries, most specific first. */
final class PriceKeys {
  static final int MEMO_LIMIT = 4096;

  private PriceKeys() {}

  static PriceTable.@Nullable Price lookup(Map<String, PriceTable.Price> prices, String type, String model) {
    PriceTable.Price exact = prices.get(type + "/" + model);
    if (exact != null) {
      return exact;
    }
    for (String m : candidates(model)) {
      PriceTable.Price p = prices.get(type + "/" + m);
      if (p == null) {
        p = prices.get(m);
      }
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  static String[] candidates(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    String region = stripRegion(m);
    String undated = stripSuffix(region);
    if (undated.equals(m)) {
      return new String[] {m};
    }
    return region.equals(m) || undated.equals(region) ? new String[] {m, undated} : new String[] {m, region, undated};
  }

  private static String stripRegion(String m) {
    for (String p : new String[] {"us.", "eu.", "apac.", "global.", "us-gov."}) {
      if (m.startsWith(p)) {
        return m.substring(p.length());
      }
    }
    return m;
  }

  /** Drops {@code -v1:0}, {@code -20250929}, {@code -2024-08-06} and {@code @20241022} suffixes. */
  static String stripSuffix(String m) {
    String s = m;
    int v = s.lastIndexOf("-v");
    if (v > 0 && s.indexOf(':', v) > 0) {
      s = s.substring(0, v);
    }
    int at = s.lastIndexOf('@');
    if (at > 0) {
      s = s.substring(0, at);
    }
    if (endsWithDate(s, "dddddddd")) {
      s = s.substring(0, s.length() - 9);
    } else if (endsWithDate(s, "dddd-dd-dd")) {
      s = s.substring(0, s.length() - 11);
    }
    return s;
  }

  /** Whether {@code s} ends with {@code -} and the shape (d: a digit, anything else: itself). */
  private static boolean endsWithDate(String s, String shape) {
    int start = s.length() - shape.length();
    if (start < 1 || s.charAt(start - 1) != '-') {
      return false;
    }
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      char c = s.charAt(start + i);
      if (want == 'd' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    return true;
  }
}

/** Loads {@code prices.tsv} once. */
final class BuiltInPrices {
  static final PriceTable TABLE = load();

  private BuiltInPrices() {}

  private static PriceTable load() {
    Map<String, PriceTable.Price> prices = new HashMap<>();
    for (PriceFile.Entry e : PriceFile.read()) {
      prices.put(e.providerType() + "/" + e.model(), e.price());
    }
    return PriceTable.of(prices);
  }
}
