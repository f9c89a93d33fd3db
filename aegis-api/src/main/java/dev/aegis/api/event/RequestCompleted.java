package dev.aegis.api.event;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request ended successfully. Failures and cancellations are {@link RequestFailed}.
 *
 * @param timestamp when it ended
 * @param request the request id, principal and alias
 * @param door the door it came through
 * @param target the serving target, or {@code null} (answered by a plugin, e.g. the cache)
 * @param provider the serving provider instance, or {@code null}
 * @param model the upstream model that served it, or {@code null}
 * @param attempts how many attempts ran
 * @param latency the time from call to end
 * @param usage tokens used
 * @param cost the cost in US dollars when a price is known, else {@code null}
 * @param cacheHit the answer came from the cache
 *     <p>Immutable and thread-safe.
 */
public record RequestCompleted(Instant timestamp, RequestInfo request, Exchange.Door door, @Nullable String target,
    @Nullable String provider, @Nullable String model, int attempts, Duration latency, Usage usage,
    @Nullable BigDecimal cost, boolean cacheHit) implements GatewayEvent {
  @Override
  public String name() {
    return "request.completed";
  }

  @Override
  public Outcome.Status outcome() {
    return Outcome.Status.SUCCESS;
  }

  /** The request id. */
  public String requestId() {
    return request.requestId();
  }
}
