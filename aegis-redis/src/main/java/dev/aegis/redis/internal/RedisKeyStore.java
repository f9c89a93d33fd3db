package dev.aegis.redis.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.auth.StoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * Virtual keys on Redis: one hash per key ({@code desc}, {@code hash}, {@code prev},
 * {@code prevUntil}, {@code revoked}), tagged by the key id; create, rotate and revoke are one
 * script each. Lookups ({@link #get}) are cached in memory for {@code cacheTtl}, including "no such
 * key": a key revoked or rotated on another instance is refused here within {@code cacheTtl} (the
 * revocation bound), and at once on the instance that changed it. A key expires in Redis
 * {@code retention} after its own expiry or its revocation; a key with neither stays until revoked.
 *
 * <p>Thread-safe. Calls are bounded by the client's socket timeout; fail-closed by default.
 */
public final class RedisKeyStore implements KeyStore {
  private static final Script CREATE = Script.named("key-create");
  private static final Script ROTATE = Script.named("key-rotate");
  private static final Script REVOKE = Script.named("key-revoke");
  private static final int MAX_CACHED = 10_000;

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final StoreCalls calls;
  private final Ticker ticker;
  private final long cacheTtlNanos;
  private final Duration retention;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  /** A lookup and when it was made; {@code key} is null for "no such key". */
  private record Cached(@Nullable StoredKey key, long at) {}

  public RedisKeyStore(UnifiedJedis jedis, Keys keys, StoreCalls calls, Ticker ticker, Duration cacheTtl,
      Duration retention) {
    this.jedis = jedis;
    this.keys = keys;
    this.calls = calls;
    this.ticker = ticker;
    this.cacheTtlNanos = cacheTtl.toNanos();
    this.retention = retention;
  }

  @Override
  public boolean create(StoredKey key) {
    String id = key.key().id();
    Instant expires = key.key().expiresAt();
    List<byte[]> args = List.of(KeyCodec.encode(key.key()), key.hash(),
        bytes(expires == null ? "0" : Long.toString(expires.plus(retention).toEpochMilli())));
    boolean created = calls.run(() -> {
      Object r = CREATE.runBinary(jedis, List.of(bytes(keys.virtualKey(id))), args);
      if (((Long) r) == 1L) {
        // the indexes live in other slots than the key; adding an id twice is harmless
        jedis.sadd(keys.keyIndex(null), id);
        if (key.key().tenant() != null) {
          jedis.sadd(keys.keyIndex(key.key().tenant()), id);
        }
        return true;
      }
      return false;
    }, () -> false);
    cache.remove(id);
    return created;
  }

  @Override
  public @Nullable StoredKey get(String keyId) {
    long now = ticker.read();
    Cached c = cache.get(keyId);
    if (c != null && now - c.at < cacheTtlNanos) {
      return c.key;
    }
    StoredKey k = calls.run(() -> load(keyId), () -> null);
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // bounded: a burst of unknown ids cannot grow it without limit
    }
    cache.put(keyId, new Cached(k, now));
    return k;
  }

  @Override
  public @Nullable StoredKey rotate(String keyId, byte[] newHash, Instant previousValidUntil) {
    cache.remove(keyId);
    return calls.run(() -> fields(ROTATE.runBinary(jedis, List.of(bytes(keys.virtualKey(keyId))),
        List.of(newHash, bytes(previousValidUntil.toString())))), () -> null);
  }

  @Override
  public @Nullable StoredKey revoke(String keyId, Instant at) {
    cache.remove(keyId);
    return calls.run(() -> fields(REVOKE.runBinary(jedis, List.of(bytes(keys.virtualKey(keyId))),
        List.of(bytes(at.toString()), bytes(Long.toString(retention.toMillis()))))), () -> null);
  }

  @Override
  public List<StoredKey> list(@Nullable String tenant) {
    return calls.run(() -> {
      Set<String> ids = jedis.smembers(keys.keyIndex(tenant));
      List<StoredKey> out = new ArrayList<>(ids.size());
      for (String id : ids) {
        StoredKey k = load(id);
        if (k == null) {
          jedis.srem(keys.keyIndex(tenant), id); // expired in Redis since
        } else if (tenant == null || tenant.equals(k.key().tenant())) {
          out.add(k);
        }
      }
      out.sort(Comparator.comparing(k -> String.valueOf(k.key().id())));
      return out;
    }, List::of);
  }

  private @Nullable StoredKey load(String keyId) {
    Map<byte[], byte[]> h = jedis.hgetAll(bytes(keys.virtualKey(keyId)));
    Map<String, byte[]> fields = new HashMap<>(h.size() * 2);
    h.forEach((k, v) -> fields.put(new String(k, StandardCharsets.UTF_8), v));
    return decode(fields);
  }

  /** A script's {@code HGETALL} answer (alternating names and values), or null. */
  private static @Nullable StoredKey fields(@Nullable Object reply) {
    if (!(reply instanceof List)) {
      return null;
    }
    List<?> flat = (List<?>) reply;
    Map<String, byte[]> fields = new HashMap<>(flat.size());
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(new String((byte[]) flat.get(i), StandardCharsets.UTF_8), (byte[]) flat.get(i + 1));
    }
    return decode(fields);
  }

  private static @Nullable StoredKey decode(Map<String, byte[]> f) {
    byte[] desc = f.get("desc");
    byte[] hash = f.get("hash");
    if (desc == null || hash == null) {
      return null;
    }
    byte[] revoked = f.get("revoked");
    byte[] prevUntil = f.get("prevUntil");
    return new StoredKey(KeyCodec.decode(desc, revoked == null ? null : Instant.parse(text(revoked))), hash,
        f.get("prev"), prevUntil == null ? null : Instant.parse(text(prevUntil)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
