package dev.aegis.core.internal.auth;

import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.auth.StoredKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.auth.VirtualKeys;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Issues, rotates, revokes and verifies virtual keys over a {@link KeyStore}.
 *
 * <p>A key reads {@code aegis_<id>_<secret>}: the id (letters and digits) finds the stored key in
 * one lookup, the 256-bit secret from {@link SecureRandom} proves it. Only the SHA-256 of the
 * whole key is stored, compared in constant time ({@link MessageDigest#isEqual}).
 */
public final class KeyRegistry implements VirtualKeys {
  static final String PREFIX = "aegis_";
  private static final char[] ID_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final int ID_LENGTH = 12;

  private final KeyStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public KeyRegistry(KeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public IssuedKey issue(VirtualKey template) {
    Checks.notNull(template, "template");
    Instant now = clock.instant();
    for (int tries = 0; ; tries++) {
      String id = template.id() != null ? template.id() : newId();
      VirtualKey key = template.toBuilder().id(id).createdAt(now).revokedAt(null).build();
      String secret = newSecret(id);
      if (store.create(new StoredKey(key, sha256(secret), null, null))) {
        return new IssuedKey(key, secret);
      }
      if (template.id() != null || tries > 3) {
        throw new IllegalArgumentException("a virtual key with id '" + id + "' already exists");
      }
    }
  }

  @Override
  public IssuedKey rotate(String keyId, Duration grace) {
    Checks.notNull(keyId, "keyId");
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("the rotation grace must be zero or positive but was " + grace);
    }
    String secret = newSecret(keyId);
    StoredKey k = store.rotate(keyId, sha256(secret), clock.instant().plus(grace));
    if (k == null) {
      throw new NoSuchElementException("no live virtual key '" + keyId + "'");
    }
    return new IssuedKey(k.key(), secret);
  }

  @Override
  public boolean revoke(String keyId) {
    return store.revoke(Checks.notNull(keyId, "keyId"), clock.instant()) != null;
  }

  @Override
  public List<VirtualKey> list(@Nullable String tenant) {
    List<VirtualKey> out = new ArrayList<>();
    for (StoredKey k : store.list(tenant)) {
      out.add(k.key());
    }
    return out;
  }

  @Override
  public Optional<VirtualKey> describe(String keyId) {
    StoredKey k = store.get(Checks.notNull(keyId, "keyId"));
    return k == null ? Optional.empty() : Optional.of(k.key());
  }

  /**
   * The live key a presented secret belongs to.
   *
   * @throws AuthenticationException if it is malformed, unknown, revoked or expired (the message
   *     never contains the secret)
   */
  @Override
  public VirtualKey authenticate(String presented) {
    String id = idOf(presented);
    StoredKey k = id == null ? null : store.get(id);
    if (k == null) {
      throw new AuthenticationException("unknown virtual key");
    }
    byte[] hash = sha256(presented);
    Instant now = clock.instant();
    boolean current = MessageDigest.isEqual(hash, k.hash());
    byte[] previous = k.previousHash();
    boolean inGrace = !current && previous != null && MessageDigest.isEqual(hash, previous)
        && k.previousValidUntil() != null && now.isBefore(k.previousValidUntil());
    if (!current && !inGrace) {
      throw new AuthenticationException(previous != null && MessageDigest.isEqual(hash, previous)
          ? "virtual key '" + id + "' was rotated and its old secret's grace period is over"
          : "unknown virtual key");
    }
    VirtualKey key = k.key();
    if (key.revokedAt() != null) {
      throw new AuthenticationException("virtual key '" + id + "' was revoked");
    }
    if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
      throw new AuthenticationException("virtual key '" + id + "' expired at " + key.expiresAt());
    }
    return key;
  }

  private static @Nullable String idOf(String presented) {
    if (!presented.startsWith(PREFIX)) {
      return null;
    }
    int end = presented.indexOf('_', PREFIX.length());
    return end <= PREFIX.length() ? null : presented.substring(PREFIX.length(), end);
  }

  private String newId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  private String newSecret(String id) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + id + '_' + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String s) {
    // one digest per thread: getInstance looks the provider up and a new digest allocates its
    // state and work arrays (about 0.6 KB) on every authenticated request
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return digest.digest(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  });
}
