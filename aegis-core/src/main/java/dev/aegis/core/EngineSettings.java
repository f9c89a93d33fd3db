package dev.aegis.core;

import dev.aegis.core.internal.options.LifecycleOptions;
import dev.aegis.core.internal.options.ObservabilityOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The builder settings the engine fixes when a gateway is built — its threads, hook dispatch,
 * close grace, health probe and telemetry — keyed by their configuration path. A reload cannot
 * swap them under running requests, so it compares them with the values built and names the ones
 * that changed ("take effect on restart") instead of ignoring them silently. Settings made only in
 * code (executor, scheduler, hooks, meter registry, tracer, ticker, clock, sleeper) are listed too:
 * a reload starts from the code's builder, so they change only if a future file key sets them.
 *
 * <p>Immutable.
 */
record EngineSettings(Map<String, Object> values) {

  static EngineSettings of(Gateway.Builder b) {
    ObservabilityOptions o = b.observability;
    LifecycleOptions l = b.lifecycle;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("hookWorkers", o.hookWorkers());
    v.put("hookQueueCapacity", o.hookQueueCapacity());
    v.put("closeGracePeriod", l.closeGrace());
    v.put("health.probe", String.valueOf(o.healthProbe()));
    v.put("telemetry.semconvLatest", String.valueOf(o.semconvLatest()));
    v.put("telemetry.principalTags", o.principalTags());
    v.put("telemetry.propagateTraceContext", o.propagateTraceContext());
    v.put("telemetry.logPrompts", o.logPrompts());
    v.put("executor", identity(l.executor()));
    v.put("scheduler", identity(l.scheduler()));
    v.put("hooks", List.copyOf(o.hooks()));
    v.put("meterRegistry", identity(o.meterRegistry()));
    v.put("openTelemetry", identity(o.openTelemetry()));
    v.put("ticker", identity(l.ticker()));
    v.put("clock", l.clock());
    v.put("sleeper", identity(b.resilience.sleeper()));
    return new EngineSettings(v);
  }

  /** The paths whose values differ in {@code next}, in declaration order. */
  List<String> changedIn(EngineSettings next) {
    List<String> changed = new ArrayList<>();
    values.forEach((path, value) -> {
      if (!Objects.equals(value, next.values.get(path))) {
        changed.add(path);
      }
    });
    return changed;
  }

  /** Code-set objects compare by identity: the same instance or not, whatever their equals says. */
  private static Object identity(@Nullable Object o) {
    return new Same(o);
  }

  private record Same(@Nullable Object o) {
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Same && ((Same) other).o == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(o);
    }
  }
}
