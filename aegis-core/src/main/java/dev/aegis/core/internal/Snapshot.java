package dev.aegis.core.internal;

import dev.aegis.api.error.ModelNotFoundException;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.provider.Provider;
import dev.aegis.core.routing.PriceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One immutable configuration of the gateway: providers, routes, plugins and defaults. The
 * engine holds the current snapshot in an atomic reference; a reload swaps it whole, so a request
 * sees one consistent configuration from start to end.
 */
public final class Snapshot {
  final Map<String, Provider> providers;
  final Map<String, RouteNode> routes;
  final @Nullable String defaultRoute;
  final Plugin[] plugins;
  final Duration requestTimeout;
  final Duration streamIdleTimeout;
  final List<ModelInfo> models;
  final List<String> routeNames;
  /** Where each provider came from (its {@code ProviderConfig}, or the host's instance), for reloads. */
  final Map<String, Object> providerSources;
  /** Every target by name, for reloads (state kept) and the health report. */
  final Map<String, TargetRuntime> targets;
  final PriceTable prices;

  Snapshot(Map<String, Provider> providers, Map<String, RouteNode> routes, @Nullable String defaultRoute,
      List<Plugin> plugins, Duration requestTimeout, Duration streamIdleTimeout) {
    this(providers, routes, defaultRoute, plugins, requestTimeout, streamIdleTimeout, Map.of(), Map.of(),
        PriceTable.NONE);
  }

  Snapshot(Map<String, Provider> providers, Map<String, RouteNode> routes, @Nullable String defaultRoute,
      List<Plugin> plugins, Duration requestTimeout, Duration streamIdleTimeout, Map<String, Object> providerSources,
      Map<String, TargetRuntime> targets, PriceTable prices) {
    this.providerSources = Map.copyOf(providerSources);
    this.targets = Map.copyOf(targets);
    this.prices = prices;
    this.streamIdleTimeout = streamIdleTimeout;
    this.providers = Map.copyOf(providers);
    this.routes = Map.copyOf(routes);
    this.defaultRoute = defaultRoute;
    this.plugins = plugins.toArray(new Plugin[0]);
    this.requestTimeout = requestTimeout;
    List<String> names = new ArrayList<>(routes.keySet());
    names.sort(null);
    this.routeNames = List.copyOf(names);
    List<ModelInfo> infos = new ArrayList<>(names.size());
    for (String n : names) {
      infos.add(ModelInfo.chat(n, "aegis"));
    }
    this.models = List.copyOf(infos);
  }

  /** The route for a requested model; the default route when {@code model} is null. */
  RouteNode route(@Nullable String model) {
    String name = model == null ? defaultRoute : model;
    RouteNode node = name == null ? null : routes.get(name);
    if (node == null) {
      throw new ModelNotFoundException(model, routeNames);
    }
    return node;
  }

  /** The names of every target of this configuration. */
  public java.util.Set<String> targetNames() {
    return targets.keySet();
  }

  String routeName(@Nullable String model) {
    return model == null ? String.valueOf(defaultRoute) : model;
  }
}
