package dev.aegis.core.config.internal;

import dev.aegis.api.budget.Budget;
import dev.aegis.api.config.PluginFactory;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.Stores;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.StrategyFactory;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies validated settings to a {@link Gateway.Builder} through its public methods only, so a
 * file says exactly what code can: each section becomes the builder calls a host would write.
 * What the file leaves out stays as the builder has it. Every problem a factory reports is
 * collected and thrown together.
 */
public final class Binder {
  private final Registry registry = Registry.shared();
  private final BindingState state;
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  private Binder(BindingState state) {
    this.state = state;
  }

  /**
   * Applies {@code root} to {@code b}; the named stores are prepared in {@code state} and must be
   * committed (or rolled back) by the caller once the gateway is built (or not).
   *
   * @throws ConfigException listing every problem; the stores prepared are rolled back then
   */
  public static void apply(Settings root, Gateway.Builder b, BindingState state) {
    Binder binder = new Binder(state);
    try {
      state.prepare(root.objectMap("stores"), binder.registry);
      binder.bind(root, b);
    } catch (ConfigException e) {
      binder.problems.addAll(e.problems());
    }
    if (!binder.problems.isEmpty()) {
      state.rollback();
      throw new ConfigException(binder.problems);
    }
  }

  private void bind(Settings root, Gateway.Builder b) {
    for (Map.Entry<String, Settings> e : root.objectMap("providers").entrySet()) {
      item(e.getValue().path(), () -> b.provider(provider(e.getKey(), e.getValue())));
    }
    for (Map.Entry<String, Settings> e : root.objectMap("routes").entrySet()) {
      Strategy s = strategy(e.getValue());
      if (s != null) {
        b.route(e.getKey(), s);
      }
    }
    if (root.has("defaultRoute")) item("defaultRoute", () -> b.defaultRoute(root.string("defaultRoute")));
    for (Settings p : root.objects("plugins")) {
      item(p.path(), () -> {
        Plugin plugin = registry.get(Registry.PLUGIN, p.string("type", ""), PluginFactory.class).create(p, state);
        // the cache goes to its own slot, so a file places it as the builder does
        if (plugin instanceof ResponseCache cache) {
          b.cache(cache);
        } else {
          b.plugin(plugin);
        }
      });
    }
    governance(root, b);
    Settings t = root.object("telemetry");
    if (t != null) {
      if (t.has("semconvLatest")) b.semconvLatest(t.bool("semconvLatest", false));
      if (t.has("principalTags")) b.principalTags(t.bool("principalTags", false));
      if (t.has("propagateTraceContext")) b.propagateTraceContext(t.bool("propagateTraceContext", false));
      if (t.has("logPrompts")) b.logPrompts(t.bool("logPrompts", false));
    }
    Settings h = root.object("health");
    if (h != null && h.has("probe")) item(h.path("probe"), () -> b.healthProbe(h.duration("probe")));
    if (root.has("requestTimeout")) item("requestTimeout", () -> b.requestTimeout(root.duration("requestTimeout")));
    if (root.has("streamIdleTimeout")) {
      item("streamIdleTimeout", () -> b.streamIdleTimeout(root.duration("streamIdleTimeout")));
    }
    if (root.has("closeGracePeriod")) item("closeGracePeriod", () -> b.closeGracePeriod(root.duration("closeGracePeriod")));
    if (root.has("hookWorkers")) item("hookWorkers", () -> b.hookWorkers(intOf(root, "hookWorkers", 1)));
    if (root.has("hookQueueCapacity")) {
      item("hookQueueCapacity", () -> b.hookQueueCapacity(intOf(root, "hookQueueCapacity", 4096)));
    }
  }

  private void governance(Settings root, Gateway.Builder b) {
    Settings vk = root.object("virtualKeys");
    if (vk != null && vk.bool("enabled", true)) {
      Stores s = state.stores(vk.string("store", "memory"));
      if (s.keys() == null) {
        problems.add(new ConfigException.Problem(vk.path("store"), "this store keeps no virtual keys"));
      } else {
        b.virtualKeys(s.keys());
      }
    }
    Settings limits = root.object("limits");
    if (limits != null) {
      if (limits.has("store")) b.limiterStore(state.stores(limits.string("store")).limiter());
      for (Settings l : limits.objects("rules")) {
        item(l.path(), () -> limit(l, b));
      }
    }
    Settings budgets = root.object("budgets");
    if (budgets != null) {
      if (budgets.has("store")) b.budgetStore(state.stores(budgets.string("store")).budgets());
      if (budgets.has("lowThreshold")) {
        item(budgets.path("lowThreshold"), () -> b.budgetLowThreshold(budgets.decimal("lowThreshold", 0.1)));
      }
      for (Settings r : budgets.objects("rules")) {
        item(r.path(), () -> budget(r, b));
      }
    }
    Settings usage = root.object("usage");
    if (usage != null) {
      if (usage.has("track")) b.trackUsage(usage.bool("track", true));
      if (usage.has("store")) b.usageStore(state.stores(usage.string("store")).usage());
    }
    Settings shed = root.object("loadShedding");
    if (shed != null) {
      item(shed.path(), () -> b.maxInFlight(intOf(shed, "maxInFlight", 1),
          shed.duration("retryAfter", Duration.ofSeconds(1))));
    }
    Settings rb = root.object("retryBudget");
    if (rb != null) {
      item(rb.path(), () -> b.retryBudget(RetryBudget.of(rb.decimal("ratio", 0.2),
          rb.duration("window", Duration.ofSeconds(10)), intOf(rb, "minPerWindow", 3))));
    }
    Settings cw = root.object("contextWindow");
    if (cw != null && cw.has("defaultMaxTokens")) {
      item(cw.path("defaultMaxTokens"), () -> b.defaultMaxTokens(intOf(cw, "defaultMaxTokens", 4096)));
    }
    Map<String, Settings> prices = root.objectMap("prices");
    if (!prices.isEmpty()) {
      Map<String, PriceTable.Price> table = new LinkedHashMap<>();
      for (Map.Entry<String, Settings> e : prices.entrySet()) {
        item(e.getValue().path(), () -> table.put(e.getKey(), price(e.getValue())));
      }
      b.prices(new FilePrices(table));
    }
  }

  /**
   * Binds one item (a provider, a plugin, a rule). A value the validator let through but a
   * builder refuses (an empty name, a limit of zero) becomes a problem at the item's path, so the
   * file is refused with every problem instead of the first builder's exception.
   */
  private void item(String path, Runnable bind) {
    try {
      bind.run();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    } catch (IllegalArgumentException | IllegalStateException e) {
      problems.add(new ConfigException.Problem(path, String.valueOf(e.getMessage())));
    }
  }

  private static PriceTable.Price price(Settings p) {
    PriceTable.Price price = PriceTable.Price.of(decimal(p.decimal("input", 0)), decimal(p.decimal("output", 0)));
    if (p.has("cacheRead")) price = price.withCacheRead(decimal(p.decimal("cacheRead", 0)));
    if (p.has("cacheWrite5m") || p.has("cacheWrite1h")) {
      String five = decimal(p.decimal("cacheWrite5m", p.decimal("cacheWrite1h", 0)));
      price = price.withCacheWrite(five, decimal(p.decimal("cacheWrite1h", Double.parseDouble(five))));
    }
    if (p.has("contextWindow")) price = price.withContextWindow(p.integer("contextWindow", 0));
    return price;
  }

  /** An integer setting a builder takes as an {@code int}; a larger one is refused, not wrapped. */
  private static int intOf(Settings s, String name, int fallback) {
    long v = s.integer(name, fallback);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + " but was " + v);
    }
    return (int) v;
  }

  private static void limit(Settings l, Gateway.Builder b) {
    RateLimit.Scope scope = RateLimit.Scope.valueOf(l.string("scope", "").toUpperCase(Locale.ROOT));
    long amount = l.integer("amount", 1);
    String kind = l.string("kind", "");
    RateLimit limit = kind.equals("concurrent") ? RateLimit.concurrent(scope, amount)
        : kind.equals("tokens") ? RateLimit.tokens(scope, amount, l.duration("per", Duration.ofMinutes(1)))
        : RateLimit.requests(scope, amount, l.duration("per", Duration.ofMinutes(1)));
    b.limit(l.has("name") ? limit.named(l.string("name")) : limit);
  }

  private static void budget(Settings r, Gateway.Builder b) {
    ZoneId zone;
    try {
      zone = ZoneId.of(r.string("zone", "UTC"));
    } catch (java.time.DateTimeException e) {
      throw new ConfigException(List.of(
          new ConfigException.Problem(r.path("zone"), "unknown time zone '" + r.string("zone") + "'")));
    }
    b.budget(Budget.of(r.string("name", ""), Budget.Scope.valueOf(r.string("scope", "tenant").toUpperCase(Locale.ROOT)),
        decimal(r.decimal("amount", 0)), Budget.Period.valueOf(r.string("period", "").toUpperCase(Locale.ROOT)))
        .in(zone));
  }

  private ProviderConfig provider(String name, Settings s) {
    String type = s.string("type", "");
    ProviderConfig.Builder c = ProviderConfig.builder(name, type).clock(state.clock()).local(s.bool("local", false));
    if (s.has("baseUrl")) c.baseUrl(s.string("baseUrl"));
    if (s.has("apiKey")) c.credentials(new StaticKey(Credential.apiKey(s.secret("apiKey"))));
    if (s.has("connectTimeout")) c.connectTimeout(s.duration("connectTimeout"));
    if (s.has("readTimeout")) c.readTimeout(s.duration("readTimeout"));
    s.map("headers").forEach(c::header);
    c.tags(s.strings("tags"));
    for (String key : s.names()) {
      if (Schema.PROVIDER.find(key).isEmpty()) {
        c.option(key, text(s, key));
      }
    }
    return c.build();
  }

  /** A typed option as the adapters read it: text, numbers plain, lists comma-separated. */
  private static String text(Settings s, String key) {
    switch (s.spec().find(key).orElseThrow().type()) {
      case INTEGER: return String.valueOf(s.integer(key));
      case DECIMAL: return decimal(s.decimal(key, 0));
      case BOOLEAN: return String.valueOf(s.bool(key));
      case DURATION: return String.valueOf(s.duration(key).toMillis());
      case STRING_LIST: return String.join(",", s.strings(key));
      default: return s.string(key, "");
    }
  }

  private static String decimal(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The route's strategy, or {@code null} when it or one of its members is invalid (the problems recorded). */
  private @org.jspecify.annotations.Nullable Strategy strategy(Settings s) {
    int before = problems.size();
    Strategy built = member(s);
    return problems.size() > before ? null : built;
  }

  /**
   * A route's or a nested member's strategy. An invalid member records its problems and stands in
   * as a placeholder, so the strategy around it is still built and reports its own problems too
   * (every problem at once) instead of meeting a missing member.
   */
  private Strategy member(Settings s) {
    try {
      StrategyFactory f = registry.get(Registry.STRATEGY, s.string("type", "single"), StrategyFactory.class);
      return f.create(s, this::member);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigException.Problem(s.path(), String.valueOf(e.getMessage())));
    }
    return INVALID;
  }

  private static final Strategy INVALID = Strategy.single(Target.builder("invalid").provider("invalid").build());

  /** An API key from the file: equal to another of the same key, so a reload keeps its provider. */
  record StaticKey(Credential key) implements CredentialProvider {
    @Override
    public Credential credential() {
      return key;
    }

    @Override
    public String toString() {
      return "StaticKey[****]";
    }
  }

  /** The file's prices ahead of the built-in table; equal when the entries are, so descriptions compare. */
  static final class FilePrices implements PriceTable {
    private final Map<String, PriceTable.Price> entries;
    private final PriceTable table;

    FilePrices(Map<String, PriceTable.Price> entries) {
      this.entries = Map.copyOf(entries);
      this.table = PriceTable.of(entries).orElse(PriceTable.builtIn());
    }

    @Override
    public PriceTable.@org.jspecify.annotations.Nullable Price price(String providerType, String model) {
      return table.price(providerType, model);
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
      return o instanceof FilePrices && entries.equals(((FilePrices) o).entries);
    }

    @Override
    public int hashCode() {
      return entries.hashCode();
    }

    @Override
    public String toString() {
      return "prices" + new java.util.TreeMap<>(entries).keySet() + " then built-in";
    }
  }
}
