package dev.aegis.api.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A request was answered from the response cache. Published by the cache plugin.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param kind {@code exact} or {@code semantic}
 * @param age how old the cached answer is
 *     <p>Immutable and thread-safe.
 */
public record CacheHit(Instant timestamp, RequestInfo request, String kind, Duration age) implements GatewayEvent {
  @Override
  public String name() {
    return "cache.hit";
  }
}
