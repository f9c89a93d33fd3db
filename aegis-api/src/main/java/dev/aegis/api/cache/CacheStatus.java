package dev.aegis.api.cache;

/**
 * What the response cache did for one request.
 *
 * <p>Immutable and thread-safe.
 */
public enum CacheStatus {
  /** Answered from the cache: no provider was called and no provider cost arose. */
  HIT,
  /** Looked up and not found (or refused by the call's max-age): a provider answered. */
  MISS,
  /**
   * Not looked up: the request was not cacheable by policy, its cache control skipped the lookup,
   * or it was forced to refresh.
   */
  BYPASS
}
