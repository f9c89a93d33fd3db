package dev.aegis.core.internal;

import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.health.AliasHealth;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.HookQueueHealth;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.StoreHealthCheck;
import dev.aegis.api.health.TargetHealth;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.provider.Health;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.internal.telemetry.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's health: reads the per-target state the engine keeps anyway (breaker, latency,
 * last error and success), asks the registered stores, and, when enabled, probes each provider
 * with a {@code models} call on an interval (on the executor, never on the scheduler's thread).
 * Also the state the gauges read.
 */
final class HealthMonitor implements Telemetry.GatewayState {
  private final Engine engine;
  private final List<StoreHealthCheck> stores;
  private final Map<String, Health> probes = new ConcurrentHashMap<>();
  private volatile @Nullable ScheduledFuture<?> probeTask;

  HealthMonitor(Engine engine, List<StoreHealthCheck> stores) {
    this.engine = engine;
    this.stores = List.copyOf(stores);
  }

  HealthReport report() {
    Snapshot snap = engine.snapshot();
    Map<String, TargetRuntime> targets = new TreeMap<>();
    List<AliasHealth> aliases = new ArrayList<>();
    for (String alias : snap.routeNames) {
      List<String> routable = new ArrayList<>();
      for (TargetRuntime t : snap.routes.get(alias).targets()) {
        targets.putIfAbsent(t.name(), t);
        if (routable(t) && !routable.contains(t.name())) {
          routable.add(t.name());
        }
      }
      aliases.add(new AliasHealth(alias, !routable.isEmpty(), routable));
    }
    List<TargetHealth> out = new ArrayList<>(targets.size());
    for (TargetRuntime t : targets.values()) {
      TargetState s = t.state;
      double ewma = s.latency.ewma();
      long success = s.lastSuccessMillis();
      out.add(new TargetHealth(t.name(), t.provider.name(), s.breaker.state(), s.breaker.errorRate(),
          Double.isNaN(ewma) ? null : Duration.ofNanos((long) ewma), s.lastError(),
          success == 0 ? null : Instant.ofEpochMilli(success), probes.get(t.provider.name())));
    }
    List<StoreHealth> storeHealth = new ArrayList<>(stores.size());
    for (int i = 0; i < stores.size(); i++) {
      storeHealth.add(check("stores[" + i + "]", stores.get(i)));
    }
    HookDispatcher h = engine.hooks();
    return HealthReport.of(engine.clock().instant(), engine.isClosed(), out, aliases, storeHealth,
        new HookQueueHealth(h.queued(), h.capacity(), h.dropped()));
  }

  private boolean routable(TargetRuntime t) {
    Health probe = probes.get(t.provider.name());
    return t.state.breaker.isCallPermitted() && (probe == null || probe.status() != Health.Status.DOWN);
  }

  /** A store's answer; one that throws or answers nothing is down, named by its position. */
  private static StoreHealth check(String position, StoreHealthCheck c) {
    try {
      StoreHealth h = c.check();
      return h != null ? h : StoreHealth.down(position, "the store's health check returned nothing");
    } catch (RuntimeException e) {
      return StoreHealth.down(position, "health check failed: " + Secrets.scrub(e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- active probe

  void startProbes(Duration interval) {
    long nanos = interval.toNanos();
    probeTask = engine.scheduler().scheduleWithFixedDelay(() -> {
      try {
        engine.executor().execute(() -> probeAll(interval));
      } catch (RejectedExecutionException closing) {
        // the gateway is closing; close() cancels this task
      }
    }, 0, nanos, TimeUnit.NANOSECONDS);
  }

  void stopProbes() {
    ScheduledFuture<?> task = probeTask;
    if (task != null) {
      task.cancel(false);
    }
  }

  private void probeAll(Duration interval) {
    for (Provider p : engine.snapshot().providers.values()) {
      probes.put(p.name(), probe(p, interval));
    }
  }

  /** A {@code models} call bounded by the interval: any answer is up, any failure is down. */
  static Health probe(Provider p, Duration timeout) {
    try {
      p.models(ProviderCall.builder().target("health-probe").model("").ticker(dev.aegis.api.Ticker.system())
          .timeout(timeout).build());
      return Health.UP;
    } catch (RuntimeException e) {
      return Health.down(Secrets.scrub(e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- gauges

  @Override
  public int inFlight() {
    return engine.inFlight();
  }

  @Override
  public long hookEventsDropped() {
    return engine.hooks().dropped();
  }

  @Override
  public int hookQueueSize() {
    return engine.hooks().queued();
  }

  @Override
  public List<String> targets() {
    Snapshot snap = engine.snapshot();
    List<String> names = new ArrayList<>();
    for (RouteNode n : snap.routes.values()) {
      for (TargetRuntime t : n.targets()) {
        if (!names.contains(t.name())) {
          names.add(t.name());
        }
      }
    }
    return names;
  }

  @Override
  public int circuitState(String target) {
    for (RouteNode n : engine.snapshot().routes.values()) {
      for (TargetRuntime t : n.targets()) {
        if (t.name().equals(target)) {
          CircuitStateChanged.State s = t.state.breaker.state();
          return s == CircuitStateChanged.State.CLOSED ? 0 : s == CircuitStateChanged.State.OPEN ? 1 : 2;
        }
      }
    }
    return -1;
  }
}
