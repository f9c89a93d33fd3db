package dev.aegis.core.internal.options;

import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.EventHook;
import dev.aegis.api.health.StoreHealthCheck;
import dev.aegis.core.internal.HookDispatcher;
import dev.aegis.core.internal.ObservabilitySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway tells the outside: event hooks and their dispatch, metrics, traces, the
 * request log's prompt text, and readiness (shared stores, the provider probe). The registry and
 * the tracer are held as {@code Object} so this class loads without Micrometer or OpenTelemetry.
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class ObservabilityOptions {
  private final List<String> problems;
  private final List<HookDispatcher.Registration> hooks;
  private final List<StoreHealthCheck> stores;
  private int hookWorkers = 1;
  private int hookQueueCapacity = 4096;
  private @Nullable Object meterRegistry;
  private @Nullable Object openTelemetry;
  private @Nullable Boolean semconvLatest;
  private boolean principalTags;
  private boolean propagateTraceContext;
  private boolean logPrompts;
  private @Nullable Duration healthProbe;

  /** Defaults, reporting refused values to {@code problems}. */
  public ObservabilityOptions(List<String> problems) {
    this.problems = problems;
    this.hooks = new ArrayList<>();
    this.stores = new ArrayList<>();
  }

  private ObservabilityOptions(ObservabilityOptions from, List<String> problems) {
    this.problems = problems;
    this.hooks = new ArrayList<>(from.hooks);
    this.stores = new ArrayList<>(from.stores);
    this.hookWorkers = from.hookWorkers;
    this.hookQueueCapacity = from.hookQueueCapacity;
    this.meterRegistry = from.meterRegistry;
    this.openTelemetry = from.openTelemetry;
    this.semconvLatest = from.semconvLatest;
    this.principalTags = from.principalTags;
    this.propagateTraceContext = from.propagateTraceContext;
    this.logPrompts = from.logPrompts;
    this.healthProbe = from.healthProbe;
  }

  /** The same settings, collections copied, reporting to {@code problems}. */
  public ObservabilityOptions copy(List<String> problems) {
    return new ObservabilityOptions(this, problems);
  }

  public void hook(@Nullable EventHook hook, @Nullable EventFilter filter) {
    if (hook == null || filter == null) {
      problems.add("hooks[" + hooks.size() + "]: " + (hook == null ? "hook" : "filter") + " must not be null");
    } else {
      hooks.add(new HookDispatcher.Registration(hook, filter));
    }
  }

  public void hookWorkers(int workers) {
    if (workers < 1 || workers > 64) {
      problems.add("hookWorkers: must be between 1 and 64 but was " + workers);
    } else {
      this.hookWorkers = workers;
    }
  }

  public void hookQueueCapacity(int capacity) {
    if (Checks.atLeastOne(problems, "hookQueueCapacity", capacity)) {
      this.hookQueueCapacity = capacity;
    }
  }

  /** A Micrometer {@code MeterRegistry}. */
  public void meterRegistry(@Nullable Object registry) {
    if (Checks.present(problems, "meterRegistry", registry)) {
      this.meterRegistry = registry;
    }
  }

  /** An {@code OpenTelemetry}. */
  public void openTelemetry(@Nullable Object openTelemetry) {
    if (Checks.present(problems, "openTelemetry", openTelemetry)) {
      this.openTelemetry = openTelemetry;
    }
  }

  public void semconvLatest(boolean latest) {
    this.semconvLatest = latest;
  }

  public void principalTags(boolean enabled) {
    this.principalTags = enabled;
  }

  public void propagateTraceContext(boolean enabled) {
    this.propagateTraceContext = enabled;
  }

  public void logPrompts(boolean enabled) {
    this.logPrompts = enabled;
  }

  public void store(@Nullable StoreHealthCheck store) {
    if (Checks.present(problems, "stores[" + stores.size() + "]", store)) {
      stores.add(store);
    }
  }

  public void healthProbe(@Nullable Duration interval) {
    if (Checks.positive(problems, "healthProbe", interval)) {
      this.healthProbe = interval;
    }
  }

  /** What the engine's telemetry and health monitor take. */
  public ObservabilitySpec spec() {
    return new ObservabilitySpec(meterRegistry, openTelemetry, semconvLatest, principalTags, propagateTraceContext,
        logPrompts, List.copyOf(stores), healthProbe);
  }

  public List<HookDispatcher.Registration> hooks() {
    return Collections.unmodifiableList(hooks);
  }

  public List<StoreHealthCheck> stores() {
    return Collections.unmodifiableList(stores);
  }

  public int hookWorkers() {
    return hookWorkers;
  }

  public int hookQueueCapacity() {
    return hookQueueCapacity;
  }

  public @Nullable Object meterRegistry() {
    return meterRegistry;
  }

  public @Nullable Object openTelemetry() {
    return openTelemetry;
  }

  /** Null: the environment decides. */
  public @Nullable Boolean semconvLatest() {
    return semconvLatest;
  }

  public boolean principalTags() {
    return principalTags;
  }

  public boolean propagateTraceContext() {
    return propagateTraceContext;
  }

  public boolean logPrompts() {
    return logPrompts;
  }

  /** Null: no probe. */
  public @Nullable Duration healthProbe() {
    return healthProbe;
  }
}
