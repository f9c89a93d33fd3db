package dev.aegis.api.cache;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the exact response cache keeps its entries: opaque byte values under a {@link CacheKey},
 * each with its own time to live. The gateway encodes (and compresses, above a threshold) the
 * answer before calling {@link #put}, so a store only keeps bytes; it never sees an unscanned
 * answer or raw masked values, because the cache stores answers after output scanning and before
 * unmasking.
 *
 * <p>aegis-core ships an in-memory store on Caffeine; aegis-redis one on Redis, where the TTL is
 * the key's expiry. Stores are called on the request's own thread (never a Vert.x event loop), so
 * a blocking client is fine; each call must be bounded by the store's own timeout. A store that
 * fails may throw: the gateway treats a failed lookup as a miss and a failed store as not stored,
 * counts it, and never fails the request for it.
 *
 * <pre>{@code
 * CacheStore store = InMemoryCacheStore.builder().maximumBytes(64 << 20).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface CacheStore {

  /** The value stored under {@code key}, or {@code null} when there is none or it expired. */
  byte @Nullable [] get(CacheKey key);

  /**
   * Stores {@code value} under {@code key} for {@code ttl}, replacing an earlier value.
   *
   * @return {@code false} when the store refused it (for example larger than its maximum value size)
   */
  boolean put(CacheKey key, byte[] value, Duration ttl);

  /** Removes the entry, if any. */
  void remove(CacheKey key);

  /** The largest value this store accepts, in bytes; the gateway does not offer larger ones. */
  default int maxValueBytes() {
    return Integer.MAX_VALUE;
  }
}
