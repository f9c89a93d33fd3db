package dev.aegis.core.internal;

import dev.aegis.api.plugin.Exchange;

/**
 * The engine's observation seam for metrics and traces: told when a call starts, it returns the
 * {@link CallObserver} that hears the rest of that call. Like OkHttp's {@code EventListener}, an
 * implementation must be fast, must not block or lock, and should not throw; the engine guards
 * against one that does (the failure is counted and the call goes on). With the {@link #NOOP}
 * listener the engine pays one comparison per stage and allocates nothing.
 *
 * <p>Implementations must be thread-safe: calls start on many threads at once.
 */
public interface CallListener {
  /** Hears nothing; its observer is {@link CallObserver#NOOP}. */
  CallListener NOOP = (door, exchange) -> CallObserver.NOOP;

  /**
   * A call entered the pipeline through {@code door}; the exchange carries the request, the
   * principal, the request id and the deadline. Returns the observer for this call only (per-call
   * state lives in it), or {@link CallObserver#NOOP} to skip this call.
   */
  CallObserver start(Exchange.Door door, Exchange exchange);
}
