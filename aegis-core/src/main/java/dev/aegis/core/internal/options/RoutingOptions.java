package dev.aegis.core.internal.options;

import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where calls go: the providers (host-built instances or configurations for their factory, each
 * with its local flag), the routes by alias, the default route and the price table.
 *
 * <pre>{@code
 * RoutingOptions routing = new RoutingOptions(problems);
 * routing.route("smart", Strategy.single(Target.of("openai", "gpt-4o")));
 * }</pre>
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class RoutingOptions {
  private final List<String> problems;
  private final List<Object> providers;
  private final List<Boolean> localFlags;
  private final Map<String, Strategy> routes;
  private @Nullable String defaultRoute;
  /** Null until set: the built-in table, resolved at build time. */
  private @Nullable PriceTable prices;

  /** Empty options reporting refused values to {@code problems}. */
  public RoutingOptions(List<String> problems) {
    this.problems = problems;
    this.providers = new ArrayList<>();
    this.localFlags = new ArrayList<>();
    this.routes = new LinkedHashMap<>();
  }

  private RoutingOptions(RoutingOptions from, List<String> problems) {
    this.problems = problems;
    this.providers = new ArrayList<>(from.providers);
    this.localFlags = new ArrayList<>(from.localFlags);
    this.routes = new LinkedHashMap<>(from.routes);
    this.defaultRoute = from.defaultRoute;
    this.prices = from.prices;
  }

  /** The same settings, collections copied, reporting to {@code problems}. */
  public RoutingOptions copy(List<String> problems) {
    return new RoutingOptions(this, problems);
  }

  public void provider(@Nullable Provider provider, boolean local) {
    if (provider == null) {
      problems.add("providers[" + providers.size() + "]: must not be null");
      return;
    }
    providers.add(provider);
    localFlags.add(local);
  }

  public void provider(@Nullable ProviderConfig config) {
    if (config == null) {
      problems.add("providers[" + providers.size() + "]: must not be null");
      return;
    }
    providers.add(config);
    localFlags.add(config.local());
  }

  public void route(@Nullable String alias, @Nullable Strategy strategy) {
    if (alias == null || alias.isBlank()) {
      problems.add("routes: a route alias must not be null or blank");
    } else if (strategy == null) {
      problems.add("routes." + alias + ": strategy must not be null");
    } else if (routes.putIfAbsent(alias, strategy) != null) {
      problems.add("routes." + alias + ": duplicate route alias");
    }
  }

  public void defaultRoute(@Nullable String alias) {
    if (alias == null) {
      problems.add("defaultRoute: must not be null");
    }
    this.defaultRoute = alias;
  }

  public void prices(@Nullable PriceTable prices) {
    if (prices == null) {
      problems.add("prices: must not be null");
    } else {
      this.prices = prices;
    }
  }

  /** {@link Provider} instances and {@link ProviderConfig}s, in the order added. */
  public List<Object> providers() {
    return Collections.unmodifiableList(providers);
  }

  /** Whether each of {@link #providers()} is local, by index. */
  public List<Boolean> localFlags() {
    return Collections.unmodifiableList(localFlags);
  }

  /** The strategy of each alias, in the order added. */
  public Map<String, Strategy> routes() {
    return Collections.unmodifiableMap(routes);
  }

  public @Nullable String defaultRoute() {
    return defaultRoute;
  }

  /** The table set, else {@link PriceTable#builtIn()}. */
  public PriceTable prices() {
    return prices != null ? prices : PriceTable.builtIn();
  }
}
