package dev.aegis.api.auth;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where virtual keys live (in memory by default; on Redis for many instances). Every method is one
 * atomic operation on one key id, so a distributed store runs each as one script and no caller
 * reads, modifies and writes back.
 *
 * <p>Implementations must be thread-safe.
 */
public interface KeyStore {

  /** Stores a new key; {@code false} (and no change) if its id is taken. */
  boolean create(StoredKey key);

  /** The key with this id, or {@code null}. Called on every request: keep it fast. */
  @Nullable StoredKey get(String keyId);

  /**
   * Atomically moves the current hash to the previous one (valid until {@code previousValidUntil})
   * and sets {@code newHash} as current.
   *
   * @return the key after the change, or {@code null} if there is no such key or it is revoked
   */
  @Nullable StoredKey rotate(String keyId, byte[] newHash, Instant previousValidUntil);

  /**
   * Atomically marks the key revoked at {@code at}.
   *
   * @return the key after the change, or {@code null} if there is no such key or it was revoked
   */
  @Nullable StoredKey revoke(String keyId, Instant at);

  /** The keys of a tenant, or all keys when {@code tenant} is {@code null}. */
  List<StoredKey> list(@Nullable String tenant);
}
