package dev.aegis.api.auth;

import dev.aegis.api.internal.Checks;

/**
 * A freshly issued (or rotated) virtual key: its description and the secret, which the gateway
 * shows exactly once and stores only as a SHA-256 hash. {@link #toString()} never prints it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the key's description
 * @param secret the API key to hand to the caller
 */
public record IssuedKey(VirtualKey key, String secret) {
  public IssuedKey {
    Checks.notNull(key, "key");
    Checks.notBlank(secret, "secret");
  }

  @Override
  public String toString() {
    return "IssuedKey{key=" + key.id() + ", secret=****}";
  }
}
