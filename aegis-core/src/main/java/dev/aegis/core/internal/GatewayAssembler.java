package dev.aegis.core.internal;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Validates a {@link GatewaySpec} and compiles it into an {@link Engine}: provider instances
 * (created through {@link ProviderFactory} where configured by type), compiled routes, the first
 * configuration snapshot. Every problem is collected and reported in one {@link ConfigException}.
 */
public final class GatewayAssembler {
  private GatewayAssembler() {}

  public static Engine assemble(GatewaySpec spec) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (String p : spec.problems()) {
      int colon = p.indexOf(": ");
      problems.add(new ConfigException.Problem(p.substring(0, colon), p.substring(colon + 2)));
    }
    if (spec.providers().isEmpty()) {
      problems.add(new ConfigException.Problem("providers", "at least one provider is required"));
    }
    Map<String, Provider> providers = new LinkedHashMap<>();
    Map<String, String> types = new HashMap<>();
    Map<String, Boolean> local = new HashMap<>();
    Map<String, ProviderFactory> factories = null;
    List<Provider> created = new ArrayList<>();
    for (int i = 0; i < spec.providers().size(); i++) {
      Object o = spec.providers().get(i);
      Provider provider;
      String type;
      if (o instanceof ProviderConfig) {
        ProviderConfig config = (ProviderConfig) o;
        if (factories == null) {
          factories = factories();
        }
        ProviderFactory factory = factories.get(config.type());
        if (factory == null) {
          problems.add(new ConfigException.Problem("providers." + config.name() + ".type",
              "unknown provider type '" + config.type() + "'; known types: " + factories.keySet()));
          continue;
        }
        try {
          provider = factory.create(config);
          created.add(provider);
        } catch (ConfigException e) {
          problems.addAll(e.problems());
          continue;
        } catch (RuntimeException e) {
          problems.add(new ConfigException.Problem("providers." + config.name(), String.valueOf(e.getMessage())));
          continue;
        }
        type = config.type();
      } else {
        provider = (Provider) o;
        type = provider.type();
      }
      String name = provider.name();
      if (name == null || name.isBlank()) {
        problems.add(new ConfigException.Problem("providers[" + i + "].name", "must not be blank"));
        continue;
      }
      if (providers.putIfAbsent(name, provider) != null) {
        problems.add(new ConfigException.Problem("providers." + name, "duplicate provider name"));
        continue;
      }
      types.put(name, type);
      local.put(name, spec.localFlags().get(i));
    }
    if (spec.routes().isEmpty()) {
      problems.add(new ConfigException.Problem("routes", "at least one route is required"));
    }
    Map<String, RouteNode> routes = new LinkedHashMap<>();
    for (Map.Entry<String, Strategy> e : spec.routes().entrySet()) {
      RouteNode node = compile("routes." + e.getKey(), e.getValue(), providers, types, local, problems);
      if (node != null) {
        routes.put(e.getKey(), node);
      }
    }
    if (spec.defaultRoute() != null && !spec.routes().containsKey(spec.defaultRoute())) {
      problems.add(new ConfigException.Problem("defaultRoute",
          "names unknown route '" + spec.defaultRoute() + "'; known routes: " + spec.routes().keySet()));
    }
    if (!problems.isEmpty()) {
      for (Provider p : created) {
        p.close();
      }
      throw new ConfigException(problems);
    }
    Snapshot snapshot = new Snapshot(providers, routes, spec.defaultRoute(), spec.plugins(), spec.requestTimeout());
    HookDispatcher hooks = new HookDispatcher(spec.hooks(), spec.hookQueueCapacity());
    return new Engine(snapshot, spec.ticker(), spec.clock(), spec.executor(), spec.scheduler(), hooks,
        spec.closeGrace());
  }

  private static RouteNode compile(String path, Strategy strategy, Map<String, Provider> providers,
      Map<String, String> types, Map<String, Boolean> local, List<ConfigException.Problem> problems) {
    if (strategy instanceof Strategy.Single) {
      TargetRuntime t = target(path + ".target", ((Strategy.Single) strategy).target(), providers, types, local, problems);
      return t == null ? null : new RouteNode.Single(t);
    }
    problems.add(new ConfigException.Problem(path, "unsupported strategy '" + strategy.kind() + "'"));
    return null;
  }

  private static TargetRuntime target(String path, Target target, Map<String, Provider> providers,
      Map<String, String> types, Map<String, Boolean> local, List<ConfigException.Problem> problems) {
    Provider p = providers.get(target.provider());
    if (p == null) {
      problems.add(new ConfigException.Problem(path + ".provider",
          "unknown provider '" + target.provider() + "'; known providers: " + providers.keySet()));
      return null;
    }
    return new TargetRuntime(target, p, types.get(target.provider()), local.get(target.provider()));
  }

  private static Map<String, ProviderFactory> factories() {
    Map<String, ProviderFactory> byType = new LinkedHashMap<>();
    for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, GatewayAssembler.class.getClassLoader())) {
      byType.putIfAbsent(f.type(), f);
    }
    return byType;
  }

  public static List<ModelInfo> models(Engine engine) {
    return engine.snapshot().models;
  }
}
