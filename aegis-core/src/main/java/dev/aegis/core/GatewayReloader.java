package dev.aegis.core;

import dev.aegis.api.event.ConfigReloaded;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.config.GatewayConfig;
import dev.aegis.core.config.internal.Binder;
import dev.aegis.core.config.internal.BindingState;
import dev.aegis.core.internal.GatewayAssembler;
import dev.aegis.core.internal.GatewaySpec;
import dev.aegis.core.internal.Governance;
import dev.aegis.core.routing.PriceTable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    Gateway.Builder code = copy(b);
    code.config = null;
    Gateway.Builder working = copy(code);
    BindingState state = new BindingState(working.ticker, working.clock);
    if (b.config != null) {
      Binder.apply(b.config.settings(), working, state);
    }
    Gateway g;
    try {
      g = working.assemble();
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
      Gateway.Builder working = copy(code);
      Binder.apply(config.settings(), working, state);
      PriceTable table = working.effectivePrices();
      Governance governance;
      GatewayAssembler.Compiled compiled;
      try {
        governance = working.governance(table, g.governance);
        GatewaySpec spec = working.spec(governance, table);
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

  /**
   * A builder with the same settings: collections copied, everything else shared. Read by
   * reflection so an option added to the builder is copied without a line here.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Gateway.Builder copy(Gateway.Builder from) {
    Gateway.Builder to = new Gateway.Builder();
    try {
      for (Field f : Gateway.Builder.class.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(from);
        if (v instanceof Collection) {
          Collection target = (Collection) f.get(to);
          target.clear();
          target.addAll((Collection) v);
        } else if (v instanceof Map) {
          Map target = (Map) f.get(to);
          target.clear();
          target.putAll((Map) v);
        } else if (!Modifier.isFinal(f.getModifiers())) {
          f.set(to, v);
        }
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot copy the gateway builder", e);
    }
    return to;
  }

}
