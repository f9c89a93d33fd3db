package dev.aegis.core;

import dev.aegis.api.event.ConfigReloaded;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.config.internal.Binder;
import dev.aegis.core.config.internal.BindingState;
import dev.aegis.core.internal.CallListener;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.GatewaySpec;
import dev.aegis.core.internal.Governance;
import dev.aegis.core.internal.options.LifecycleOptions;
import dev.aegis.core.internal.options.ObservabilityOptions;
import dev.aegis.core.internal.options.ResilienceOptions;
import dev.aegis.core.internal.options.RoutingOptions;
import dev.aegis.core.routing.PriceTable;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a gateway from its builder and a configuration file, and reloads it: keeps a copy of
 * what was set in code, so each reload starts from it and applies the new file through the same
 * public builder methods; the new snapshot is compiled against the running engine (unchanged
 * providers and target state kept) and swapped in atomically.
 *
 * <p>Thread-safe: reloads are serialised by a lock; calls never take it.
 */
final class GatewayReloader {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayReloader.class);

  private final Gateway.Builder code;
  private final BindingState state;
  private final ReentrantLock lock = new ReentrantLock();
  /** What the engine was built with; a reload changing one of these reports it instead of applying it. */
  private final EngineSettings built;
  private volatile String description;

  private GatewayReloader(Gateway.Builder code, BindingState state, EngineSettings built, String description) {
    this.code = code;
    this.state = state;
    this.built = built;
    this.description = description;
  }

  /** What {@link Gateway.Builder#build()} does: the code's settings, then the file's, then the build. */
  static Gateway build(Gateway.Builder b) {
    Gateway.Builder code = b.copy();
    code.config = null;
    Gateway.Builder working = code.copy();
    BindingState state = new BindingState(working.lifecycle.ticker(), working.lifecycle.clock());
    if (b.config != null) {
      Binder.apply(b.config.settings(), working, state);
    }
    Gateway g;
    try {
      g = assemble(working);
    } catch (RuntimeException e) {
      state.rollback();
      state.close();
      throw e;
    }
    state.commit();
    state.gateway(g);
    g.reloader = new GatewayReloader(code, state, EngineSettings.of(working), GatewayDescription.of(working));
    return g;
  }

  void reload(Gateway g, GatewayConfig config) {
    lock.lock();
    try {
      Gateway.Builder working = code.copy();
      Binder.apply(config.settings(), working, state);
      PriceTable table = working.routing.prices();
      Governance governance;
      GatewayAssembler.Compiled compiled;
      try {
        governance = governance(working, table, g.governance);
        GatewaySpec spec = spec(working, governance, table);
        compiled = GatewayAssembler.recompile(spec, g.providerContext, g.engine);
      } catch (ConfigException e) {
        state.rollback();
        throw e;
      }
      g.engine.swap(compiled.snapshot(), compiled.retired());
      g.governance = governance;
      state.commit();
      description = GatewayDescription.of(working);
      List<String> restart = built.changedIn(EngineSettings.of(working));
      g.engine.hooks().publish(new ConfigReloaded(g.engine.clock().instant(), compiled.added(), compiled.removed(),
          compiled.changed(), restart));
      LOG.info("configuration reloaded from {}: targets added {}, removed {}, changed {}", config.source(),
          compiled.added(), compiled.removed(), compiled.changed());
      if (!restart.isEmpty()) {
        LOG.warn("configuration reloaded from {}: {} changed but take{} effect on restart; the gateway keeps the"
            + " values it was built with", config.source(), String.join(", ", restart), restart.size() == 1 ? "s" : "");
      }
    } finally {
      lock.unlock();
    }
  }

  String description() {
    return description;
  }

  void close() {
    state.close();
  }

  /** The build itself, on a builder the configuration (if any) was applied to. */
  private static Gateway assemble(Gateway.Builder b) {
    PriceTable table = b.routing.prices();
    Governance governance = governance(b, table, null);
    ProviderContext context = ProviderContext.create();
    try {
      return new Gateway(GatewayAssembler.assemble(spec(b, governance, table), context), context, governance);
    } catch (RuntimeException e) {
      context.close();
      governance.close();
      throw e;
    }
  }

  private static Governance governance(Gateway.Builder b, PriceTable table, @Nullable Governance previous) {
    RoutingOptions r = b.routing;
    return Governance.assemble(b.governance.settings(b.lifecycle.closeGrace()), r.providers(), r.routes(),
        r.defaultRoute(), table, b.lifecycle.ticker(), b.lifecycle.clock(), b.observability.hookQueueCapacity(),
        previous);
  }

  private static GatewaySpec spec(Gateway.Builder b, Governance governance, PriceTable table) {
    RoutingOptions r = b.routing;
    LifecycleOptions l = b.lifecycle;
    ResilienceOptions res = b.resilience;
    ObservabilityOptions o = b.observability;
    return new GatewaySpec(r.providers(), r.localFlags(), r.routes(), r.defaultRoute(), b.problems,
        governance.plugins(b.plugins.plugins(), b.plugins.cache()), o.hooks(), o.hookWorkers(), l.ticker(), l.clock(),
        l.executor(), l.scheduler(), res.requestTimeout(), l.closeGrace(), o.hookQueueCapacity(), res.sleeper(), table,
        res.streamIdleTimeout(), CallListener.NOOP, o.spec(), res.retryBudget());
  }
}
