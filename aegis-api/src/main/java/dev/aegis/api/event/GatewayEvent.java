package dev.aegis.api.event;

import dev.aegis.api.plugin.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

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

  /** The request the event is about, or {@code null} for gateway-wide events (circuit, reload). */
  default @Nullable RequestInfo request() {
    return null;
  }

  /** How the request ended, for events that say so (completed, failed); else {@code null}. */
  default Outcome.@Nullable Status outcome() {
    return null;
  }
}
