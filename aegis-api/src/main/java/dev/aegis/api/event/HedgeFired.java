package dev.aegis.api.event;

import java.time.Instant;

/**
 * The first target did not answer within the hedge delay, so another branch was started.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param branch which branch this is, from 2 (branch 1 is the first try)
 *     <p>Immutable and thread-safe.
 */
public record HedgeFired(Instant timestamp, RequestInfo request, int branch) implements GatewayEvent {
  @Override
  public String name() {
    return "hedge.fired";
  }
}
