package dev.aegis.api.event;

import java.time.Instant;

/**
 * The gateway refused a request to protect itself (too many in flight, a retry budget spent).
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param reason a short reason, e.g. {@code max-in-flight}
 *     <p>Immutable and thread-safe.
 */
public record LoadShed(Instant timestamp, RequestInfo request, String reason) implements GatewayEvent {
  @Override
  public String name() {
    return "load.shed";
  }
}
