package dev.aegis.core;

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
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("hookWorkers", b.hookWorkers);
    v.put("hookQueueCapacity", b.hookQueueCapacity);
    v.put("closeGracePeriod", b.closeGrace);
    v.put("health.probe", String.valueOf(b.healthProbe));
    v.put("telemetry.semconvLatest", String.valueOf(b.semconvLatest));
    v.put("telemetry.principalTags", b.principalTags);
    v.put("telemetry.propagateTraceContext", b.propagateTraceContext);
    v.put("telemetry.logPrompts", b.logPrompts);
    v.put("executor", identity(b.executor));
    v.put("scheduler", identity(b.scheduler));
    v.put("hooks", List.copyOf(b.hooks));
    v.put("meterRegistry", identity(b.meterRegistry));
    v.put("openTelemetry", identity(b.openTelemetry));
    v.put("ticker", identity(b.ticker));
    v.put("clock", b.clock);
    v.put("sleeper", identity(b.sleeper));
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
