package dev.aegis.api.event;

import dev.aegis.api.error.ErrorKind;
import java.time.Instant;

/**
 * A target failed and the route moved on to the next one.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param from the target that failed
 * @param provider its provider instance
 * @param errorKind why it failed
 *     <p>Immutable and thread-safe.
 */
public record FallbackTaken(Instant timestamp, RequestInfo request, String from, String provider,
    ErrorKind errorKind) implements GatewayEvent {
  @Override
  public String name() {
    return "fallback.taken";
  }
}
