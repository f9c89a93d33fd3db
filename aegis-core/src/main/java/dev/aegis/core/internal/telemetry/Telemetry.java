package dev.aegis.core.internal.telemetry;

import dev.aegis.api.Ticker;
import dev.aegis.api.plugin.Exchange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's metrics and traces: one factory per configured backend, combined per request.
 * With neither a meter registry nor an OpenTelemetry instance configured, {@link #start} returns
 * the shared {@link RequestObserver#NONE}: no allocation, no Micrometer or OpenTelemetry class
 * loaded. The backends' classes are reached only through {@link #create}, and only when the host
 * configured them, so the gateway runs with neither jar on the class path.
 *
 * <p>Thread-safe.
 */
public final class Telemetry {
  private static final Telemetry NONE = new Telemetry(null, null);

  private final @Nullable ObserverFactory metrics;
  private final @Nullable ObserverFactory traces;

  private Telemetry(@Nullable ObserverFactory metrics, @Nullable ObserverFactory traces) {
    this.metrics = metrics;
    this.traces = traces;
  }

  /** What the gateway exposes to meters that read state (gauges). */
  public interface GatewayState {
    int inFlight();

    long hookEventsDropped();

    int hookQueueSize();

    /** The configured target names. */
    List<String> targets();

    /** 0 closed, 1 open, 2 half-open, or -1 when the target is gone. */
    int circuitState(String target);
  }

  /**
   * Builds the telemetry the host configured.
   *
   * @param meterRegistry a Micrometer {@code MeterRegistry}, or null
   * @param openTelemetry an OpenTelemetry {@code OpenTelemetry}, or null
   * @param latest emit the latest GenAI conventions; null reads {@code OTEL_SEMCONV_STABILITY_OPT_IN}
   * @param captureContent put prompt and completion text on spans (the host opted in)
   */
  public static Telemetry create(@Nullable Object meterRegistry, @Nullable Object openTelemetry,
      @Nullable Boolean latest, boolean principalTags, boolean propagate, boolean captureContent, Ticker ticker,
      GatewayState state) {
    if (meterRegistry == null && openTelemetry == null) {
      return NONE;
    }
    GenAiConventions conventions = GenAiConventions.resolve(latest);
    ObserverFactory m = meterRegistry == null ? null
        : MicrometerObservers.create(meterRegistry, conventions, principalTags, ticker, state);
    ObserverFactory t = openTelemetry == null ? null
        : OpenTelemetryObservers.create(openTelemetry, conventions, propagate, captureContent, ticker);
    return new Telemetry(m, t);
  }

  public static Telemetry none() {
    return NONE;
  }

  public boolean enabled() {
    return metrics != null || traces != null;
  }

  /** After a reload: per-target meters for the targets it added. */
  public void targetsChanged(java.util.Collection<String> targets) {
    if (metrics != null) {
      metrics.targetsChanged(targets);
    }
  }

  /** The request's observer; call on the caller's thread (traces capture its context). */
  public RequestObserver start(Exchange exchange, long startNanos) {
    ObserverFactory m = metrics;
    ObserverFactory t = traces;
    if (m == null) {
      return t == null ? RequestObserver.NONE : t.start(exchange, startNanos);
    }
    if (t == null) {
      return m.start(exchange, startNanos);
    }
    return new CompositeObserver(t.start(exchange, startNanos), m.start(exchange, startNanos));
  }
}
