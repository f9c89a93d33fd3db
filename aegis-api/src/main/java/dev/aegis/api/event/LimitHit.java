package dev.aegis.api.event;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A rate limit refused a request. Published by the limiter plugin.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param limit the limit's name (e.g. {@code requests-per-minute})
 * @param scope what it counts per ({@code key}, {@code tenant}, {@code model}, ...)
 * @param retryAfter when a retry may succeed, or {@code null}
 *     <p>Immutable and thread-safe.
 */
public record LimitHit(Instant timestamp, RequestInfo request, String limit, String scope,
    @Nullable Duration retryAfter) implements GatewayEvent {
  @Override
  public String name() {
    return "limit.hit";
  }
}
