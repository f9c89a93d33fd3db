package dev.aegis.api.event;

import java.time.Instant;

/**
 * Something that happened in the gateway. Events never carry secrets or prompt text.
 * The built-in events are records in this package; plugins may publish their own types.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface GatewayEvent {
  /** When it happened (the gateway's wall clock). */
  Instant timestamp();

  /** A short, stable name, e.g. {@code request.completed}. */
  String name();
}
