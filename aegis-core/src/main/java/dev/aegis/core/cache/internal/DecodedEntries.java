package dev.aegis.core.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatResponse;
import java.util.Arrays;

/**
 * The decoded form of the entries hits are served from, so that a hot entry is inflated and
 * decoded once rather than on every hit. The store stays the truth: a decoded entry is used only
 * while the store still returns the very bytes it was decoded from (the same array, which the
 * in-memory store hands out, or equal bytes, which a remote store sends again), so expiry,
 * removal and replacement in the store take effect at once. Bounded by weight (an estimate of
 * the decoded size from the stored size); evicted entries are just decoded again.
 *
 * <p>Thread-safe.
 */
public final class DecodedEntries {
  /** Decoded chunks take a few times their encoded bytes. */
  private static final int DECODED_PER_BYTE = 4;

  private final Cache<CacheKey, Decoded> decoded;

  public DecodedEntries(long maximumBytes) {
    this.decoded = Caffeine.newBuilder().maximumWeight(maximumBytes)
        .weigher((CacheKey k, Decoded d) -> d.bytes.length * DECODED_PER_BYTE).build();
  }

  /** An entry with the whole response its chunks spell, decoded from {@code bytes}. */
  public static final class Decoded {
    final byte[] bytes;
    final CacheCodec.Entry entry;
    final ChatResponse response;

    Decoded(byte[] bytes, CacheCodec.Entry entry) {
      this.bytes = bytes;
      this.entry = entry;
      this.response = Replay.response(entry.chunks());
    }

    public CacheCodec.Entry entry() {
      return entry;
    }

    /** The response, without the cache's metadata. */
    public ChatResponse response() {
      return response;
    }
  }

  /**
   * The entry under {@code key} decoded from {@code bytes}, from memory when they are the bytes
   * it was decoded from.
   *
   * @throws IllegalArgumentException when the bytes are not a readable entry
   */
  public Decoded decode(CacheKey key, byte[] bytes) {
    Decoded d = decoded.getIfPresent(key);
    if (d != null && (d.bytes == bytes || Arrays.equals(d.bytes, bytes))) {
      return d;
    }
    d = new Decoded(bytes, CacheCodec.decode(bytes));
    decoded.put(key, d);
    return d;
  }

  /** Forgets the decoded entry under {@code key}, if any. */
  public void forget(CacheKey key) {
    decoded.invalidate(key);
  }
}
