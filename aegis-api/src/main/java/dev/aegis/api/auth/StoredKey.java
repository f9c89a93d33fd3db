package dev.aegis.api.auth;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A virtual key as a {@link KeyStore} keeps it: its description, the SHA-256 hash of its current
 * secret and, after a rotation, the previous secret's hash with the instant it stops being valid.
 * Secrets themselves are never stored.
 *
 * <p>Immutable and thread-safe (the hash arrays are copied in and out).
 *
 * @param key the key's description
 * @param hash SHA-256 of the current secret
 * @param previousHash SHA-256 of the secret before the last rotation, or {@code null}
 * @param previousValidUntil until when {@code previousHash} is accepted, or {@code null}
 */
public record StoredKey(VirtualKey key, byte[] hash, byte @Nullable [] previousHash,
    @Nullable Instant previousValidUntil) {
  public StoredKey {
    Checks.notNull(key, "key");
    hash = Checks.notNull(hash, "hash").clone();
    previousHash = previousHash == null ? null : previousHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte @Nullable [] previousHash() {
    return previousHash == null ? null : previousHash.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StoredKey && ((StoredKey) o).key.equals(key) && Arrays.equals(((StoredKey) o).hash, hash)
        && Arrays.equals(((StoredKey) o).previousHash, previousHash)
        && Checks.equal(((StoredKey) o).previousValidUntil, previousValidUntil);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "StoredKey{" + key.id() + '}';
  }
}
