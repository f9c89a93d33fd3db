package dev.aegis.api.event;

import java.time.Instant;

/**
 * A target's circuit breaker changed state.
 *
 * @param timestamp when
 * @param target the target
 * @param from the previous state
 * @param to the new state
 *     <p>Immutable and thread-safe.
 */
public record CircuitStateChanged(Instant timestamp, String target, State from, State to) implements GatewayEvent {
  /** Breaker states. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  @Override
  public String name() {
    return "circuit.changed";
  }
}
