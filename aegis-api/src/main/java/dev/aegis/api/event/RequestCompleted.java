package dev.aegis.api.event;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request ended.
 *
 * @param timestamp when it ended
 * @param requestId the request id
 * @param door the door it came through
 * @param model the requested model or alias, or {@code null}
 * @param target the serving target, or {@code null}
 * @param provider the serving provider instance, or {@code null}
 * @param status success, failure or cancellation
 * @param errorKind the failure's kind, or {@code null}
 * @param attempts how many attempts ran
 * @param latency the time from call to end
 * @param usage tokens used
 *     <p>Immutable and thread-safe.
 */
public record RequestCompleted(Instant timestamp, String requestId, Exchange.Door door, @Nullable String model,
    @Nullable String target, @Nullable String provider, Outcome.Status status, @Nullable ErrorKind errorKind,
    int attempts, Duration latency, Usage usage) implements GatewayEvent {
  @Override
  public String name() {
    return "request.completed";
  }
}
