package dev.aegis.core.cache.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The cache's store, seen through one rule: a store that fails is a miss (lookup) or not stored
 * (store), counted, and never fails a request.
 *
 * <p>Thread-safe.
 */
public final class GuardedStore {
  private final CacheStore store;
  private final AtomicLong failures = new AtomicLong();

  public GuardedStore(CacheStore store) {
    this.store = store;
  }

  /** The stored bytes, or {@code null} when there are none or the store failed. */
  public byte @Nullable [] get(CacheKey key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      return null;
    }
  }

  /** Stores the bytes unless they are over the store's limit; whether the store took them. */
  public boolean put(CacheKey key, byte[] bytes, Duration ttl) {
    if (bytes.length > store.maxValueBytes()) {
      return false;
    }
    try {
      return store.put(key, bytes, ttl);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      return false;
    }
  }

  public void remove(CacheKey key) {
    try {
      store.remove(key);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
    }
  }

  /** An entry the store returned could not be read: counted, and removed. */
  public void unreadable(CacheKey key) {
    failures.incrementAndGet();
    remove(key);
  }

  /** Store operations that failed, and entries that could not be read. */
  public long failures() {
    return failures.get();
  }
}
