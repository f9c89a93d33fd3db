package dev.aegis.core;

import dev.aegis.api.config.Configurable;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.config.internal.Registry;
import dev.aegis.core.internal.TargetDescriptions;
import dev.aegis.core.internal.options.GovernanceOptions;
import dev.aegis.core.internal.options.ObservabilityOptions;
import dev.aegis.core.internal.options.RoutingOptions;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The text {@link Gateway#describe()} returns: every setting a builder collected, one per line,
 * in a fixed order, with secrets and header values left out, so a gateway built in code and one
 * built from a file compare equal exactly when they are configured alike.
 */
final class GatewayDescription {
  private GatewayDescription() {}

  static String of(Gateway.Builder b) {
    RoutingOptions r = b.routing;
    ObservabilityOptions o = b.observability;
    GovernanceOptions g = b.governance;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.providers().size(); i++) {
      Object provider = r.providers().get(i);
      if (provider instanceof ProviderConfig) {
        ProviderConfig c = (ProviderConfig) provider;
        sb.append("provider ").append(c.name()).append(" type=").append(c.type()).append(" baseUrl=")
            .append(c.baseUrl()).append(" local=").append(c.local()).append(" credentials=")
            .append(c.credentials() == null ? "none" : "set").append(" headers=")
            .append(new TreeSet<>(c.headers().keySet())).append(" options=").append(options(c)).append(" tags=").append(c.tags())
            .append(" connectTimeout=").append(c.connectTimeout()).append(" readTimeout=").append(c.readTimeout());
      } else {
        Provider p = (Provider) provider;
        sb.append("provider ").append(p.name()).append(" instance type=").append(p.type()).append(" local=")
            .append(r.localFlags().get(i));
      }
      sb.append('\n');
    }
    for (Map.Entry<String, Strategy> e : new TreeMap<>(r.routes()).entrySet()) {
      sb.append("route ").append(e.getKey()).append(" = ").append(strategy(e.getValue())).append('\n');
    }
    sb.append("defaultRoute ").append(r.defaultRoute()).append('\n');
    for (Plugin p : b.plugins.plugins()) {
      sb.append("plugin ").append(p.name()).append(" (").append(p.getClass().getSimpleName()).append(")\n");
    }
    ResponseCache cache = b.plugins.cache();
    if (cache != null) {
      sb.append("cache ").append(cache.name()).append(" (").append(cache.getClass().getSimpleName()).append(")\n");
    }
    sb.append("hooks ").append(o.hooks().size()).append(" workers=").append(o.hookWorkers()).append(" queue=")
        .append(o.hookQueueCapacity()).append('\n');
    sb.append("virtualKeys ").append(name(g.keyStore())).append('\n');
    g.limits().forEach(l -> sb.append("limit ").append(l).append('\n'));
    sb.append("limiterStore ").append(name(g.limiterStore())).append('\n');
    g.budgets().forEach(x -> sb.append("budget ").append(x).append('\n'));
    sb.append("budgetStore ").append(name(g.budgetStore())).append(" lowThreshold=").append(g.budgetLowShare()).append('\n');
    sb.append("usage track=").append(g.trackUsage()).append(" store=").append(name(g.usageStore())).append(" sinks=")
        .append(g.usageSinks().size()).append('\n');
    sb.append("loadShedding maxInFlight=").append(g.maxInFlight()).append(" retryAfter=").append(g.overloadRetryAfter())
        .append('\n');
    sb.append("retryBudget ").append(b.resilience.retryBudget()).append('\n');
    sb.append("tokens estimator=").append(name(g.tokenEstimator())).append(" defaultMaxTokens=")
        .append(g.defaultMaxTokens()).append('\n');
    PriceTable prices = r.prices();
    sb.append("prices ").append(prices == PriceTable.builtIn() ? "built-in" : prices.toString()).append('\n');
    sb.append("telemetry metrics=").append(o.meterRegistry() != null).append(" traces=").append(o.openTelemetry() != null)
        .append(" semconvLatest=").append(o.semconvLatest()).append(" principalTags=").append(o.principalTags())
        .append(" propagateTraceContext=").append(o.propagateTraceContext()).append(" logPrompts=").append(o.logPrompts())
        .append('\n');
    sb.append("health stores=").append(o.stores().size()).append(" probe=").append(o.healthProbe()).append('\n');
    sb.append("timeouts request=").append(b.resilience.requestTimeout()).append(" streamIdle=")
        .append(b.resilience.streamIdleTimeout()).append(" closeGrace=").append(b.lifecycle.closeGrace()).append('\n');
    return sb.toString();
  }

  private static String name(@Nullable Object o) {
    return o == null ? "none" : o.getClass().getSimpleName();
  }

  static String strategy(Strategy s) {
    if (s instanceof Strategy.Single) {
      return "{" + TargetDescriptions.describe(((Strategy.Single) s).target()) + "}";
    }
    StringBuilder sb = new StringBuilder(s.kind());
    if (s instanceof Strategy.Fallback) {
      sb.append(" on=").append(new TreeSet<>(((Strategy.Fallback) s).triggers()));
    } else if (s instanceof Strategy.Weighted) {
      Strategy.Weighted w = (Strategy.Weighted) s;
      sb.append(" weights=").append(w.weights()).append(" fallbackToRemaining=").append(w.fallbackToRemaining());
    } else if (s instanceof Strategy.LeastLatency) {
      sb.append(" exploration=").append(((Strategy.LeastLatency) s).exploration());
    } else if (s instanceof Strategy.Hedged) {
      sb.append(" delay=").append(((Strategy.Hedged) s).delay());
    } else if (s instanceof Strategy.Conditional) {
      Strategy.Conditional c = (Strategy.Conditional) s;
      sb.append(" branches=").append(c.branches().size());
      StringBuilder m = new StringBuilder("[");
      for (Strategy branch : c.branches()) {
        m.append(m.length() > 1 ? ", " : "").append(strategy(branch));
      }
      sb.append(m).append(']');
      if (c.otherwise() != null) {
        sb.append(" otherwise=").append(strategy(c.otherwise()));
      }
      return sb.toString();
    }
    sb.append('[');
    for (int i = 0; i < s.members().size(); i++) {
      sb.append(i > 0 ? ", " : "").append(strategy(s.members().get(i)));
    }
    return sb.append(']').toString();
  }

  /** The options by key, with the values of those its provider type declares secret as {@code ****}. */
  private static Map<String, String> options(ProviderConfig c) {
    Configurable factory = Registry.shared().find(Registry.PROVIDER, c.type());
    Map<String, String> shown = new TreeMap<>();
    c.options().forEach((key, value) -> shown.put(key, factory != null && factory.settings().find(key)
        .filter(s -> s.type() == SettingType.SECRET).isPresent() ? "****" : value));
    return shown;
  }
}
