package dev.aegis.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.aegis.api.Ticker;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.error.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link CacheStore} on Caffeine: bounded by the bytes it holds (values plus a fixed
 * per-entry overhead), each entry living for the TTL it was stored with, optionally dropped
 * sooner when idle, all measured on an injected {@link Ticker} so tests drive expiry by hand.
 *
 * <pre>{@code
 * InMemoryCacheStore store = InMemoryCacheStore.builder()
 *     .maximumBytes(64L << 20)
 *     .timeToIdle(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InMemoryCacheStore implements CacheStore {
  /** What one entry costs beside its value: key, digest string, node and expiry fields. */
  static final int ENTRY_OVERHEAD = 160;

  private final Cache<CacheKey, Stored> cache;
  private final Ticker ticker;
  private final int maxValueBytes;

  private InMemoryCacheStore(Builder b) {
    this.ticker = b.ticker;
    this.maxValueBytes = b.maxValueBytes;
    Duration idle = b.timeToIdle;
    long idleNanos = idle == null ? Long.MAX_VALUE : idle.toNanos();
    this.cache = Caffeine.newBuilder()
        .maximumWeight(b.maximumBytes)
        .weigher((CacheKey k, Stored v) -> v.value.length + k.tenant().length() * 2 + ENTRY_OVERHEAD)
        .expireAfter(new Expiry<CacheKey, Stored>() {
          @Override
          public long expireAfterCreate(CacheKey key, Stored value, long now) {
            return Math.min(value.ttlNanos, idleNanos);
          }

          @Override
          public long expireAfterUpdate(CacheKey key, Stored value, long now, long current) {
            return Math.min(value.ttlNanos, idleNanos);
          }

          @Override
          public long expireAfterRead(CacheKey key, Stored value, long now, long current) {
            // idle time may extend an entry only up to its TTL
            return Math.min(idleNanos, value.expiresAt - now);
          }
        })
        .ticker(ticker::read)
        .executor(Runnable::run) // maintenance on the caller: no thread of our own, deterministic in tests
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public byte @Nullable [] get(CacheKey key) {
    Stored s = cache.getIfPresent(key);
    return s == null ? null : s.value;
  }

  @Override
  public boolean put(CacheKey key, byte[] value, Duration ttl) {
    if (value.length > maxValueBytes || ttl.isNegative() || ttl.isZero()) {
      return false;
    }
    long nanos = ttl.toNanos();
    cache.put(key, new Stored(value, nanos, ticker.read() + nanos));
    return true;
  }

  @Override
  public void remove(CacheKey key) {
    cache.invalidate(key);
  }

  @Override
  public int maxValueBytes() {
    return maxValueBytes;
  }

  /** The number of live entries (after pending expiry is applied). */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** A copy of the live entries' stored bytes, for inspection (what exactly the cache holds). */
  public Map<CacheKey, byte[]> snapshot() {
    cache.cleanUp();
    Map<CacheKey, byte[]> copy = new LinkedHashMap<>();
    cache.asMap().forEach((k, v) -> copy.put(k, v.value.clone()));
    return copy;
  }

  /** Drops every entry. */
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public String toString() {
    return "InMemoryCacheStore[" + cache.estimatedSize() + " entries]";
  }

  private static final class Stored {
    final byte[] value;
    final long ttlNanos;
    final long expiresAt;

    Stored(byte[] value, long ttlNanos, long expiresAt) {
      this.value = value;
      this.ttlNanos = ttlNanos;
      this.expiresAt = expiresAt;
    }
  }

  /** Builds an {@link InMemoryCacheStore}; {@link #build()} reports every invalid setting at once. Not thread-safe. */
  public static final class Builder {
    private long maximumBytes = 64L << 20;
    private int maxValueBytes = 1 << 20;
    private @Nullable Duration timeToIdle;
    private Ticker ticker = Ticker.system();
    private final List<ConfigException.Problem> problems = new ArrayList<>(0);

    private Builder() {}

    /** The most bytes the store holds before evicting (default 64 MiB). */
    public Builder maximumBytes(long bytes) {
      if (bytes < 1) {
        problems.add(new ConfigException.Problem("cache.store.maximumBytes", "must be positive but was " + bytes));
      } else {
        this.maximumBytes = bytes;
      }
      return this;
    }

    /** The largest value stored (default 1 MiB); larger answers are not cached. */
    public Builder maxValueBytes(int bytes) {
      if (bytes < 1) {
        problems.add(new ConfigException.Problem("cache.store.maxValueBytes", "must be positive but was " + bytes));
      } else {
        this.maxValueBytes = bytes;
      }
      return this;
    }

    /** Drops an entry not read for this long, even before its TTL (default: never). */
    public Builder timeToIdle(@Nullable Duration idle) {
      if (idle != null && (idle.isNegative() || idle.isZero())) {
        problems.add(new ConfigException.Problem("cache.store.timeToIdle", "must be positive but was " + idle));
      } else {
        this.timeToIdle = idle;
      }
      return this;
    }

    /** The time source of expiry (default the system ticker). */
    public Builder ticker(Ticker ticker) {
      if (ticker == null) {
        problems.add(new ConfigException.Problem("cache.store.ticker", "must not be null"));
      } else {
        this.ticker = ticker;
      }
      return this;
    }

    /**
     * @throws ConfigException listing every invalid setting
     */
    public InMemoryCacheStore build() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new InMemoryCacheStore(this);
    }
  }
}
