package dev.aegis.core.internal.telemetry;

import dev.aegis.api.plugin.Exchange;

/** Creates the observer of one request; one factory per telemetry backend (metrics, traces). */
interface ObserverFactory {
  /** Called on the caller's thread when the request is created, so its context can be captured. */
  RequestObserver start(Exchange exchange, long startNanos);

  /** A reload made these the gateway's targets: meters per target (gauges) cover the new ones. */
  default void targetsChanged(java.util.Collection<String> targets) {}
}
