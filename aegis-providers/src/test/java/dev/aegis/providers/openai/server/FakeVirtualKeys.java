package dev.aegis.providers.openai.server;

import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.auth.VirtualKeys;
import dev.aegis.api.error.AuthenticationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Virtual keys in a map for endpoint tests: ids {@code key1}, {@code key2}, ... and secrets
 * {@code secret-<id>-<n>}, all created at {@link #NOW}; it records what the admin API asked.
 */
public final class FakeVirtualKeys implements VirtualKeys {
  public static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final Map<String, VirtualKey> keys = new LinkedHashMap<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  private int next;

  /** Adds a key as if issued, with the given secret. */
  public synchronized VirtualKey add(VirtualKey template, String secret) {
    VirtualKey k = template.toBuilder().id(template.id() != null ? template.id() : "key" + ++next).createdAt(NOW).build();
    keys.put(k.id(), k);
    secrets.put(secret, k.id());
    return k;
  }

  @Override
  public synchronized IssuedKey issue(VirtualKey template) {
    calls.add("issue " + template);
    if (template.id() != null && keys.containsKey(template.id())) {
      throw new IllegalArgumentException("a virtual key with id '" + template.id() + "' already exists");
    }
    VirtualKey k = add(template, "pending");
    secrets.remove("pending");
    String secret = "secret-" + k.id() + "-1";
    secrets.put(secret, k.id());
    return new IssuedKey(k, secret);
  }

  @Override
  public synchronized IssuedKey rotate(String keyId, Duration grace) {
    calls.add("rotate " + keyId + " " + grace);
    VirtualKey k = keys.get(keyId);
    if (k == null || k.revokedAt() != null) throw new NoSuchElementException("no live virtual key '" + keyId + "'");
    String secret = "secret-" + keyId + "-2";
    if (grace.isZero()) secrets.values().removeIf(keyId::equals);
    secrets.put(secret, keyId);
    return new IssuedKey(k, secret);
  }

  @Override
  public synchronized boolean revoke(String keyId) {
    calls.add("revoke " + keyId);
    VirtualKey k = keys.get(keyId);
    if (k == null || k.revokedAt() != null) return false;
    keys.put(keyId, k.toBuilder().revokedAt(NOW.plusSeconds(60)).build());
    return true;
  }

  @Override
  public synchronized List<VirtualKey> list(@Nullable String tenant) {
    calls.add("list " + tenant);
    List<VirtualKey> out = new ArrayList<>();
    for (VirtualKey k : keys.values()) {
      if (tenant == null || Objects.equals(tenant, k.tenant())) out.add(k);
    }
    return out;
  }

  @Override
  public synchronized Optional<VirtualKey> describe(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public synchronized VirtualKey authenticate(String secret) {
    String id = secrets.get(secret);
    if (id == null) throw new AuthenticationException("unknown virtual key");
    VirtualKey k = keys.get(id);
    if (k.revokedAt() != null) throw new AuthenticationException("virtual key '" + id + "' was revoked");
    return k;
  }
}
