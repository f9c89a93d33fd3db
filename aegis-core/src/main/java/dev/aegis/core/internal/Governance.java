package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.UsageRecorded;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.AdmissionStore;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageReports;
import dev.aegis.api.usage.UsageSink;
import dev.aegis.api.usage.UsageStore;
import dev.aegis.core.internal.auth.AuthPlugin;
import dev.aegis.core.internal.auth.KeyRegistry;
import dev.aegis.core.internal.budget.BudgetPlugin;
import dev.aegis.core.internal.budget.InMemoryBudgetStore;
import dev.aegis.core.internal.limit.InMemoryLimiterStore;
import dev.aegis.core.internal.limit.LimitsPlugin;
import dev.aegis.core.internal.shed.LoadShedPlugin;
import dev.aegis.core.internal.tokens.ContextWindowPlugin;
import dev.aegis.core.internal.usage.InMemoryUsageStore;
import dev.aegis.core.internal.usage.UsagePlugin;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The built-in governance of one gateway, assembled from the builder's settings: the plugins in
 * the order ARCHITECTURE.md pins (load shedding, auth, limits, budget reservation, usage and cost
 * before the user's plugins; the context-window check after them), the hooks that feed the usage
 * sinks, and the admin views ({@link KeyRegistry}, {@link UsageReports}).
 */
public final class Governance implements UsageReports {
  private final List<Plugin> first;
  private final List<Plugin> last;
  private final HookDispatcher sinks;
  private final @Nullable AuthPlugin auth;
  private final @Nullable BudgetPlugin budget;
  private final UsageStore usage;
  private final Duration closeGrace;
  private @Nullable LimiterStore limiterStore;
  private @Nullable BudgetStore budgetStore;

  /** What the builder collected. */
  public record Settings(@Nullable KeyStore keyStore, List<RateLimit> limits, @Nullable LimiterStore limiterStore,
      List<Budget> budgets, @Nullable BudgetStore budgetStore, double budgetLowShare, List<UsageSink> usageSinks,
      @Nullable UsageStore usageStore, boolean trackUsage, int maxInFlight, Duration overloadRetryAfter,
      @Nullable TokenEstimator tokenEstimator, int defaultMaxTokens, Duration closeGrace) {}

  private Governance(List<Plugin> first, List<Plugin> last, HookDispatcher sinks, @Nullable AuthPlugin auth,
      @Nullable BudgetPlugin budget, UsageStore usage, Duration closeGrace) {
    this.closeGrace = closeGrace;
    this.first = first;
    this.last = last;
    this.sinks = sinks;
    this.auth = auth;
    this.budget = budget;
    this.usage = usage;
  }

  public static Governance assemble(Settings s, List<Object> providers, Map<String, Strategy> routes,
      @Nullable String defaultRoute, PriceTable prices, Ticker ticker, Clock clock, int queueCapacity) {
    return assemble(s, providers, routes, defaultRoute, prices, ticker, clock, queueCapacity, null);
  }

  /**
   * As {@link #assemble(Settings, List, Map, String, PriceTable, Ticker, Clock, int)}; a reload
   * passes the governance it replaces, whose usage-sink queue (and so its thread and undelivered
   * records) the new one takes over, and whose stores it keeps where the settings name none.
   */
  public static Governance assemble(Settings s, List<Object> providers, Map<String, Strategy> routes,
      @Nullable String defaultRoute, PriceTable prices, Ticker ticker, Clock clock, int queueCapacity,
      @Nullable Governance previous) {
    RouteCatalog catalog = catalog(providers, routes, defaultRoute);
    TokenEstimator estimator = s.tokenEstimator() != null ? s.tokenEstimator()
        : new dev.aegis.core.internal.tokens.JtokkitEstimator();
    List<Plugin> first = new ArrayList<>(5);
    if (s.maxInFlight() > 0) {
      first.add(new LoadShedPlugin(s.maxInFlight(), s.overloadRetryAfter()));
    }
    AuthPlugin auth = null;
    LimiterStore limiter = null;
    BudgetStore budgetStore = null;
    if (s.keyStore() != null) {
      auth = new AuthPlugin(new KeyRegistry(s.keyStore(), clock), catalog);
      first.add(auth);
    }
    boolean limited = !s.limits().isEmpty() || auth != null;
    boolean budgeted = !s.budgets().isEmpty() || auth != null;
    // one store keeping both (Redis): limits and budget reservation in one call before the provider, one after
    boolean combined = limited && budgeted && s.limiterStore() instanceof AdmissionStore
        && s.limiterStore() == s.budgetStore();
    LimitsPlugin limits = null;
    if (limited) {
      LimiterStore store = s.limiterStore() != null ? s.limiterStore()
          : previous != null && previous.limiterStore != null ? previous.limiterStore : new InMemoryLimiterStore(ticker);
      limiter = store;
      limits = new LimitsPlugin(s.limits(), store, estimator, s.defaultMaxTokens(), catalog, combined);
      first.add(limits);
    }
    BudgetPlugin budget = null;
    if (budgeted) {
      BudgetStore store = s.budgetStore() != null ? s.budgetStore()
          : previous != null && previous.budgetStore != null ? previous.budgetStore : new InMemoryBudgetStore(clock);
      budgetStore = store;
      budget = new BudgetPlugin(s.budgets(), store, prices, estimator, s.defaultMaxTokens(), catalog, clock,
          s.budgetLowShare(), combined ? limits : null);
      first.add(budget);
    }
    UsageStore usage = s.usageStore() != null ? s.usageStore()
        : previous != null ? previous.usage : new InMemoryUsageStore(InMemoryUsageStore.defaultRetention());
    // sinks get their own dispatcher, built like the hooks' (bounded queue, own thread, drops
    // counted), so a slow billing export delays neither a request nor the user's hooks
    List<HookDispatcher.Registration> adapters = new ArrayList<>(s.usageSinks().size());
    for (UsageSink sink : s.usageSinks()) {
      adapters.add(new HookDispatcher.Registration(event -> sink.accept(((UsageRecorded) event).record()),
          EventFilter.all()));
    }
    // usage sinks are set in code only, so the previous queue already delivers to the same ones
    HookDispatcher sinks = previous != null ? previous.sinks : new HookDispatcher(adapters, queueCapacity, 1);
    if (s.trackUsage()) {
      first.add(new UsagePlugin(prices, usage, catalog, estimator, s.defaultMaxTokens(), clock,
          record -> {
            if (sinks.enabled()) { // no sink: no event to make
              sinks.publish(new UsageRecorded(record.timestamp(), record));
            }
          }));
    }
    Governance g = new Governance(List.copyOf(first), List.of(new ContextWindowPlugin(prices, estimator,
        s.defaultMaxTokens())), sinks, auth, budget, usage, s.closeGrace());
    g.limiterStore = limiter;
    g.budgetStore = budgetStore;
    return g;
  }

  /** The plugins to run: the built-ins around the user's, in the pinned order. */
  public List<Plugin> plugins(List<Plugin> user) {
    return plugins(user, null);
  }

  /** The plugins to run with the response cache at its place; see {@link PluginLayout}. */
  public List<Plugin> plugins(List<Plugin> user, @Nullable Plugin cache) {
    return PluginLayout.arrange(first, user, cache, last);
  }

  /** Drains the usage sinks' queue within the close grace period. */
  public void close() {
    sinks.close(closeGrace);
  }

  /** Usage records the sinks' queue dropped, and sink failures. */
  public long sinkDrops() {
    return sinks.dropped();
  }

  public @Nullable AuthPlugin auth() {
    return auth;
  }

  @Override
  public List<UsageBucket> query(UsageQuery query) {
    return usage.query(query);
  }

  @Override
  public List<BudgetStatus> budgets(@Nullable String tenant, @Nullable String keyId) {
    if (budget == null) {
      return List.of();
    }
    dev.aegis.api.auth.VirtualKey key = keyId == null || auth == null ? null
        : auth.registry().describe(keyId).orElse(null);
    return budget.statuses(tenant, key);
  }

  /** Every alias's targets with provider names and types, from the builder's settings. */
  private static RouteCatalog catalog(List<Object> providers, Map<String, Strategy> routes,
      @Nullable String defaultRoute) {
    Map<String, String> types = new HashMap<>();
    Map<String, Set<String>> providerTags = new HashMap<>();
    for (Object o : providers) {
      if (o instanceof ProviderConfig) {
        types.put(((ProviderConfig) o).name(), ((ProviderConfig) o).type());
        providerTags.put(((ProviderConfig) o).name(), ((ProviderConfig) o).tags());
      } else if (o instanceof Provider) {
        types.put(((Provider) o).name(), ((Provider) o).type());
      }
    }
    Map<String, List<TargetInfo>> aliases = new LinkedHashMap<>();
    Map<String, TargetInfo> targets = new HashMap<>();
    for (Map.Entry<String, Strategy> e : routes.entrySet()) {
      List<TargetInfo> infos = new ArrayList<>();
      for (Target t : e.getValue().targets()) {
        String type = types.get(t.provider());
        if (type == null) {
          continue; // the assembler reports the unknown provider
        }
        TargetInfo info = new TargetInfo(t.name(), t.provider(), type, t.model() == null ? "" : t.model(), false,
            TargetRuntime.tags(t, providerTags.getOrDefault(t.provider(), Set.of())), Set.of());
        infos.add(info);
        targets.putIfAbsent(t.name(), info);
      }
      aliases.put(e.getKey(), List.copyOf(infos));
    }
    return new RouteCatalog(aliases, targets, defaultRoute);
  }
}
