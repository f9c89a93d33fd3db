package dev.aegis.api.health;

/**
 * Implemented by shared stores so the gateway's health report (and readiness) includes them. A
 * Redis store answers from its connection state or a cheap {@code PING}; it must return quickly
 * (bounded by its own timeout) and never throw: a failure is a {@link StoreHealth#down} answer.
 *
 * <pre>{@code
 * Gateway.builder().store(() -> redis.isConnected()
 *     ? StoreHealth.up("redis") : StoreHealth.down("redis", "connection refused"));
 * }</pre>
 *
 * <p>Implementations must be thread-safe: {@code health()} may be called from any thread.
 */
@FunctionalInterface
public interface StoreHealthCheck {
  /** The store's current health. */
  StoreHealth check();
}
