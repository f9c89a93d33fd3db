package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Validates a {@link GatewaySpec} and compiles it into an {@link Engine}: provider instances
 * (created through {@link ProviderFactory} where configured by type), compiled routes, the first
 * configuration snapshot. Every problem is collected and reported in one {@link ConfigException}.
 */
public final class GatewayAssembler {
  private GatewayAssembler() {}

  public static Engine assemble(GatewaySpec spec, ProviderContext context) {
    HookDispatcher hooks = new HookDispatcher(spec.hooks(), spec.hookQueueCapacity(), spec.hookWorkers());
    Compiled compiled;
    try {
      compiled = compile(spec, context, hooks, null);
    } catch (ConfigException e) {
      hooks.close(java.time.Duration.ZERO);
      throw e;
    }
    return new Engine(compiled.snapshot(), spec.ticker(), spec.clock(), spec.executor(), spec.scheduler(), hooks,
        spec.closeGrace(), spec.sleeper(), spec.prices(), spec.listener(), spec.observability());
  }

  /**
   * A new snapshot of {@code spec} for the running {@code engine}: providers whose configuration
   * did not change are kept (the same instances), and so is the state (breaker, latency,
   * bulkhead, retry budget) of every target configured as before on the same provider instance.
   * The engine-level settings of {@code spec} (time, threads, hooks, telemetry) are not read.
   *
   * @throws ConfigException listing every problem; nothing is created then
   */
  public static Compiled recompile(GatewaySpec spec, ProviderContext context, Engine engine) {
    return compile(spec, context, engine.hooks(), engine.snapshot());
  }

  /** A compiled configuration: its snapshot and what changed against the one it replaces. */
  public record Compiled(Snapshot snapshot, List<Provider> retired, List<String> added, List<String> removed,
      List<String> changed) {}

  private static Compiled compile(GatewaySpec spec, ProviderContext context, HookDispatcher hooks,
      @Nullable Snapshot previous) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (String p : spec.problems()) {
      int colon = p.indexOf(": ");
      problems.add(new ConfigException.Problem(p.substring(0, colon), p.substring(colon + 2)));
    }
    if (spec.providers().isEmpty()) {
      problems.add(new ConfigException.Problem("providers", "at least one provider is required"));
    }
    Map<String, Provider> providers = new LinkedHashMap<>();
    Map<String, Object> sources = new LinkedHashMap<>();
    Map<String, String> types = new HashMap<>();
    Map<String, Boolean> local = new HashMap<>();
    Map<String, Set<String>> providerTags = new HashMap<>();
    Map<String, ProviderFactory> factories = null;
    List<Provider> created = new ArrayList<>();
    for (int i = 0; i < spec.providers().size(); i++) {
      Object o = spec.providers().get(i);
      Provider provider;
      String type;
      if (o instanceof ProviderConfig) {
        ProviderConfig config = (ProviderConfig) o;
        Provider kept = previous == null ? null : keep(previous, config);
        if (kept != null) {
          provider = kept;
        } else {
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
            provider = factory.create(config, context);
            created.add(provider);
          } catch (ConfigException e) {
            problems.addAll(e.problems());
            continue;
          } catch (RuntimeException e) {
            problems.add(new ConfigException.Problem("providers." + config.name(), String.valueOf(e.getMessage())));
            continue;
          }
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
      sources.put(name, o);
      types.put(name, type);
      local.put(name, spec.localFlags().get(i));
      providerTags.put(name, o instanceof ProviderConfig ? ((ProviderConfig) o).tags() : Set.of());
    }
    if (spec.routes().isEmpty()) {
      problems.add(new ConfigException.Problem("routes", "at least one route is required"));
    }
    Compiler compiler = new Compiler(providers, types, local, providerTags, problems, spec.ticker(), spec.clock(), hooks,
        spec.retryBudget(), previous);
    Map<String, RouteNode> routes = new LinkedHashMap<>();
    for (Map.Entry<String, Strategy> e : spec.routes().entrySet()) {
      RouteNode node = compiler.compile("routes." + e.getKey(), e.getValue());
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
    Snapshot snapshot = new Snapshot(providers, routes, spec.defaultRoute(), spec.plugins(), spec.requestTimeout(),
        spec.streamIdleTimeout(), sources, compiler.runtimes, spec.prices());
    List<Provider> retired = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    if (previous != null) {
      for (Provider p : previous.providers.values()) {
        if (!providers.containsValue(p)) {
          retired.add(p);
        }
      }
      for (Map.Entry<String, TargetRuntime> e : compiler.runtimes.entrySet()) {
        TargetRuntime old = previous.targets.get(e.getKey());
        if (old == null) {
          added.add(e.getKey());
        } else if (old.state != e.getValue().state) {
          changed.add(e.getKey());
        }
      }
      for (String name : previous.targets.keySet()) {
        if (!compiler.runtimes.containsKey(name)) {
          removed.add(name);
        }
      }
      added.sort(null);
      removed.sort(null);
      changed.sort(null);
    }
    return new Compiled(snapshot, retired, added, removed, changed);
  }

  /** The previous snapshot's instance of a provider configured exactly as {@code config}, or null. */
  private static @Nullable Provider keep(Snapshot previous, ProviderConfig config) {
    Object before = previous.providerSources.get(config.name());
    return config.equals(before) ? previous.providers.get(config.name()) : null;
  }

  /** Compiles strategy trees into route nodes, checking every target; one instance per build. */
  private static final class Compiler {
    final Map<String, Provider> providers;
    final Map<String, String> types;
    final Map<String, Boolean> local;
    final Map<String, Set<String>> providerTags;
    final List<ConfigException.Problem> problems;
    final Map<String, TargetState> states = new HashMap<>();
    final Map<String, Target> seen = new HashMap<>();
    final Ticker ticker;
    final java.time.Clock clock;
    final HookDispatcher hooks;
    final RetryBudget retryBudget;
    final @Nullable Snapshot previous;
    final Map<String, TargetRuntime> runtimes = new LinkedHashMap<>();

    Compiler(Map<String, Provider> providers, Map<String, String> types, Map<String, Boolean> local,
        Map<String, Set<String>> providerTags, List<ConfigException.Problem> problems, Ticker ticker, java.time.Clock clock, HookDispatcher hooks,
        RetryBudget retryBudget, @Nullable Snapshot previous) {
      this.previous = previous;
      this.retryBudget = retryBudget;
      this.providers = providers;
      this.types = types;
      this.local = local;
      this.providerTags = providerTags;
      this.problems = problems;
      this.ticker = ticker;
      this.clock = clock;
      this.hooks = hooks;
    }

    @Nullable RouteNode compile(String path, Strategy strategy) {
      if (strategy instanceof Strategy.Single) {
        TargetRuntime t = target(path + ".target", ((Strategy.Single) strategy).target());
        return t == null ? null : new RouteNode.Single(t);
      }
      List<RouteNode> members = new ArrayList<>();
      List<Strategy> specs = strategy instanceof Strategy.Conditional
          ? ((Strategy.Conditional) strategy).branches() : strategy.members();
      for (int i = 0; i < specs.size(); i++) {
        RouteNode n = compile(path + "." + strategy.kind() + "[" + i + "]", specs.get(i));
        if (n != null) {
          members.add(n);
        }
      }
      if (members.size() != specs.size()) {
        return null; // a member's problem is already recorded
      }
      if (strategy instanceof Strategy.Fallback) {
        return new RouteNode.Fallback(members, ((Strategy.Fallback) strategy).triggers());
      }
      if (strategy instanceof Strategy.Weighted) {
        Strategy.Weighted w = (Strategy.Weighted) strategy;
        if (w.weights().stream().allMatch(x -> x == 0)) {
          problems.add(new ConfigException.Problem(path, "a weighted strategy needs a member with a positive weight"));
          return null;
        }
        return new RouteNode.Weighted(members, w.weights(), w.fallbackToRemaining());
      }
      if (strategy instanceof Strategy.Conditional) {
        Strategy.Conditional c = (Strategy.Conditional) strategy;
        RouteNode otherwise = c.otherwise() == null ? null : compile(path + ".otherwise", c.otherwise());
        if (c.otherwise() != null && otherwise == null) {
          return null;
        }
        return new RouteNode.Conditional(c.conditions(), members, otherwise);
      }
      if (strategy instanceof Strategy.LeastLatency) {
        return new RouteNode.LeastLatency(members, ((Strategy.LeastLatency) strategy).exploration());
      }
      if (strategy instanceof Strategy.Cost) {
        return new RouteNode.Cost(members);
      }
      if (strategy instanceof Strategy.Hedged) {
        return new HedgedNode(members, ((Strategy.Hedged) strategy).delay());
      }
      problems.add(new ConfigException.Problem(path, "unsupported strategy '" + strategy.kind() + "'"));
      return null;
    }

    private @Nullable TargetRuntime target(String path, Target target) {
      Provider p = providers.get(target.provider());
      if (p == null) {
        problems.add(new ConfigException.Problem(path + ".provider",
            "unknown provider '" + target.provider() + "'; known providers: " + providers.keySet()));
        return null;
      }
      Target earlier = seen.putIfAbsent(target.name(), target);
      if (earlier != null && !earlier.equals(target)) {
        problems.add(new ConfigException.Problem(path, "target name '" + target.name()
            + "' is used for two different targets; give each its own name"));
        return null;
      }
      TargetState state = states.computeIfAbsent(target.name(), n -> {
        TargetRuntime old = previous == null ? null : previous.targets.get(n);
        if (old != null && old.provider == p && TargetDescriptions.same(old.target, target)
            && old.state.retryBudget.budget().equals(retryBudget)) {
          return old.state; // a reload keeps what an unchanged target has learnt
        }
        return new TargetState(target, ticker,
            (from, to) -> hooks.publish(new CircuitStateChanged(clock.instant(), n, from, to)), retryBudget);
      });
      TargetRuntime runtime = new TargetRuntime(target, p, types.get(target.provider()), local.get(target.provider()),
          providerTags.get(target.provider()), state);
      runtimes.putIfAbsent(target.name(), runtime);
      return runtime;
    }
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
