package dev.aegis.api.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The admin interface of the gateway's virtual keys: issue, rotate (the old secret stays valid for
 * a grace period), revoke, list and describe. The HTTP endpoint's admin API calls it; it sees only
 * aegis-api.
 *
 * <pre>{@code
 * IssuedKey issued = gateway.virtualKeys().issue(VirtualKey.builder()
 *     .tenant("acme").name("ci").allowModel("smart").build());
 * String apiKey = issued.secret(); // shown once
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface VirtualKeys {

  /**
   * Issues a new key from a template: its id (and secret) are generated, its creation time set.
   *
   * @throws IllegalArgumentException if the template names an id that already exists
   */
  IssuedKey issue(VirtualKey template);

  /**
   * Gives the key a new secret; the old one stays valid for {@code grace} (zero: invalid at once).
   *
   * @throws java.util.NoSuchElementException if there is no such live key
   */
  IssuedKey rotate(String keyId, Duration grace);

  /** Revokes the key at once; {@code false} if there was no such live key. */
  boolean revoke(String keyId);

  /** The keys of a tenant, or every key when {@code tenant} is {@code null}, revoked ones included. */
  List<VirtualKey> list(@Nullable String tenant);

  /** The key with this id. */
  Optional<VirtualKey> describe(String keyId);

  /**
   * The live key a presented secret belongs to, for callers that check a key outside a gateway
   * request: the HTTP endpoint's admin API admits only keys with {@link Scope#ADMIN}. The default
   * verifies nothing and refuses.
   *
   * @throws dev.aegis.api.error.AuthenticationException if the secret is malformed, unknown,
   *     revoked or expired (the message never contains it)
   */
  default VirtualKey authenticate(String secret) {
    throw new dev.aegis.api.error.AuthenticationException("these virtual keys cannot verify a secret");
  }
}
