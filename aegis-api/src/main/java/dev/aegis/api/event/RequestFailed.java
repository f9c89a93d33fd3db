package dev.aegis.api.event;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request ended with an error or was cancelled.
 *
 * @param timestamp when it ended
 * @param request the request id, principal and alias
 * @param door the door it came through
 * @param status {@code FAILURE} or {@code CANCELLED}
 * @param errorKind the error's kind
 * @param message the error's message, in the gateway's words and scrubbed of anything key-like
 * @param target the last target tried, or {@code null}
 * @param provider the last provider tried, or {@code null}
 * @param attempts how many attempts ran
 * @param latency the time from call to end
 * @param usage tokens used before the failure (a stream that broke after its start)
 * @param cost the cost in US dollars when a price is known, else {@code null}
 *     <p>Immutable and thread-safe.
 */
public record RequestFailed(Instant timestamp, RequestInfo request, Exchange.Door door, Outcome.Status status,
    ErrorKind errorKind, String message, @Nullable String target, @Nullable String provider, int attempts,
    Duration latency, Usage usage, @Nullable BigDecimal cost) implements GatewayEvent {
  @Override
  public String name() {
    return "request.failed";
  }

  @Override
  public Outcome.Status outcome() {
    return status;
  }
}
