package dev.aegis.redis.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The exact response cache on Redis: one string per entry under its tenant's hash tag, the TTL as
 * the key's expiry ({@code SET … PX}). Values above {@code compressAbove} bytes are deflated when
 * that makes them smaller; the first byte says which. Values above {@code maxValueBytes} are
 * refused. The gateway hands it answers already scanned and still masked, so Redis never holds raw
 * personal data or an unscanned answer. Fail-open by default: a failed lookup is a miss, a failed
 * store is "not stored", both counted.
 *
 * <p>Thread-safe; each call borrows a pooled connection and is bounded by the socket timeout.
 */
public final class RedisCacheStore implements CacheStore {
  private static final byte RAW = 0;
  private static final byte DEFLATED = 1;

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final StoreCalls calls;
  private final int compressAbove;
  private final int maxValueBytes;

  public RedisCacheStore(UnifiedJedis jedis, Keys keys, StoreCalls calls, int compressAbove, int maxValueBytes) {
    this.jedis = jedis;
    this.keys = keys;
    this.calls = calls;
    this.compressAbove = compressAbove;
    this.maxValueBytes = maxValueBytes;
  }

  @Override
  public byte @Nullable [] get(CacheKey key) {
    byte[] stored = calls.run(() -> jedis.get(key(key)), () -> null);
    return stored == null || stored.length == 0 ? null : decode(stored);
  }

  @Override
  public boolean put(CacheKey key, byte[] value, Duration ttl) {
    if (value.length > maxValueBytes || ttl.isNegative() || ttl.isZero()) {
      return false;
    }
    byte[] stored = encode(value);
    long ms = Math.max(1, ttl.toMillis());
    return calls.run(() -> "OK".equals(jedis.set(key(key), stored, SetParams.setParams().px(ms))), () -> false);
  }

  @Override
  public void remove(CacheKey key) {
    calls.run(() -> jedis.del(key(key)), () -> 0L);
  }

  @Override
  public int maxValueBytes() {
    return maxValueBytes;
  }

  private byte[] key(CacheKey key) {
    return keys.cache(key.tenant(), key.digest()).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] encode(byte[] value) {
    if (value.length > compressAbove) {
      Deflater d = new Deflater(Deflater.BEST_SPEED);
      try {
        d.setInput(value);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length / 2 + 16);
        out.write(DEFLATED);
        byte[] buf = new byte[8192];
        while (!d.finished()) {
          out.write(buf, 0, d.deflate(buf));
        }
        if (out.size() < value.length + 1) {
          return out.toByteArray();
        }
      } finally {
        d.end();
      }
    }
    byte[] out = new byte[value.length + 1];
    out[0] = RAW;
    System.arraycopy(value, 0, out, 1, value.length);
    return out;
  }

  private static byte @Nullable [] decode(byte[] stored) {
    if (stored[0] == RAW) {
      byte[] out = new byte[stored.length - 1];
      System.arraycopy(stored, 1, out, 0, out.length);
      return out;
    }
    Inflater inf = new Inflater();
    try {
      inf.setInput(stored, 1, stored.length - 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 3);
      byte[] buf = new byte[8192];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          return null; // a damaged entry is a miss
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inf.end();
    }
  }

  /** For tests: the bytes Redis holds for {@code key}, as stored (header byte included). */
  public byte @Nullable [] raw(CacheKey key) {
    return jedis.get(key(key));
  }
}
