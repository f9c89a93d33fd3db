package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.core.routing.Target;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one target: its circuit breaker, latency estimates and bulkhead. Kept by
 * the engine, keyed by target name, outside configuration snapshots, so a reload keeps it for
 * targets that did not change.
 */
final class TargetState {
  static final String CIRCUIT_OPEN = "circuit open";

  final Target target;
  final CircuitBreaker breaker;
  final LatencyTracker latency = new LatencyTracker();
  private final @Nullable Semaphore bulkhead;

  TargetState(Target target, Ticker ticker, CircuitBreaker.Listener listener) {
    this.target = target;
    this.breaker = new CircuitBreaker(target.circuitBreaker(), ticker, listener);
    this.bulkhead = target.maxConcurrency() > 0 ? new Semaphore(target.maxConcurrency()) : null;
  }

  /** Whether the state was made for this same target configuration. */
  boolean sameConfig(Target other) {
    return target.circuitBreaker() == other.circuitBreaker() && target.maxConcurrency() == other.maxConcurrency();
  }

  /**
   * Admits one attempt, or says why not: takes a breaker slot (a probe when half-open) and a
   * bulkhead permit together, giving the slot back when the bulkhead is full. {@link #exit}
   * returns the permit.
   */
  @Nullable String admit() {
    if (!breaker.tryAcquire()) {
      return CIRCUIT_OPEN;
    }
    if (bulkhead != null && !bulkhead.tryAcquire()) {
      breaker.onIgnored();
      return atCapacity();
    }
    return null;
  }

  /** What {@link #admit} would say now, taking nothing: for choosing among members. */
  @Nullable String peek() {
    if (!breaker.isCallPermitted()) {
      return CIRCUIT_OPEN;
    }
    if (bulkhead != null && bulkhead.availablePermits() == 0) {
      return atCapacity();
    }
    return null;
  }

  private String atCapacity() {
    return "at its maximum of " + target.maxConcurrency() + " concurrent calls";
  }

  /** Returns the bulkhead permit {@link #admit} took. */
  void exit() {
    if (bulkhead != null) {
      bulkhead.release();
    }
  }
}
