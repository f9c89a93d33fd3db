package dev.aegis.core.internal.auth;

import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.auth.StoredKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The default {@link KeyStore}: a concurrent map; every operation is one atomic map operation. */
public final class InMemoryKeyStore implements KeyStore {
  private final ConcurrentHashMap<String, StoredKey> keys = new ConcurrentHashMap<>();

  @Override
  public boolean create(StoredKey key) {
    return keys.putIfAbsent(Objects.requireNonNull(key.key().id(), "id"), key) == null;
  }

  @Override
  public @Nullable StoredKey get(String keyId) {
    return keys.get(keyId);
  }

  @Override
  public @Nullable StoredKey rotate(String keyId, byte[] newHash, Instant previousValidUntil) {
    return keys.computeIfPresent(keyId, (id, k) -> k.key().revokedAt() != null ? k
        : new StoredKey(k.key(), newHash, k.hash(), previousValidUntil));
  }

  @Override
  public @Nullable StoredKey revoke(String keyId, Instant at) {
    StoredKey[] changed = {null};
    keys.computeIfPresent(keyId, (id, k) -> {
      if (k.key().revokedAt() != null) {
        return k;
      }
      changed[0] = new StoredKey(k.key().toBuilder().revokedAt(at).build(), k.hash(), null, null);
      return changed[0];
    });
    return changed[0];
  }

  @Override
  public List<StoredKey> list(@Nullable String tenant) {
    List<StoredKey> out = new ArrayList<>();
    for (StoredKey k : keys.values()) {
      if (tenant == null || tenant.equals(k.key().tenant())) {
        out.add(k);
      }
    }
    out.sort(Comparator.comparing(k -> String.valueOf(k.key().id())));
    return out;
  }
}
