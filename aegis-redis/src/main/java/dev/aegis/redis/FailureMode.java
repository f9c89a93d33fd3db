package dev.aegis.redis;

/**
 * What a Redis store does when Redis does not answer within its timeout (down, restarting,
 * unreachable): refuse the request, or let it through unchecked. Either way the failure is counted
 * ({@link RedisStores#failures}) and logged (once when Redis goes away, once when it is back), and
 * the next call tries again on a fresh pooled connection, so the gateway recovers without a restart.
 *
 * <p>Immutable and thread-safe.
 */
public enum FailureMode {
  /** Refuse with {@link StoreUnavailableException} (HTTP 503): the default for keys and budgets. */
  FAIL_CLOSED,
  /**
   * Admit as if the store had no state: a limiter admits, the cache misses and stores nothing,
   * usage is dropped. An option for limits and the cache (the cache's default).
   */
  FAIL_OPEN
}
