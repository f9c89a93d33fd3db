package dev.aegis.api;

import dev.aegis.api.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who a request is made for: an id, the tenant it belongs to, the end user and the virtual key
 * it came with, and free-form attributes (team, environment, ...) that routing rules, limits and
 * budgets may match on.
 *
 * <p>A principal is either given by the host in {@link RequestOptions#principal()} or resolved
 * by the authentication plugin from the request's credential (a virtual key).
 *
 * <pre>{@code
 * Principal p = Principal.of("alice", "acme");           // host-authenticated user of tenant acme
 * Principal k = new Principal("k-3f9a", "acme", "alice", "k-3f9a", Map.of()); // from a virtual key
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the principal's id, never blank
 * @param tenant the tenant, or {@code null} when the deployment is single-tenant
 * @param user the end user, or {@code null} when unknown
 * @param keyId the id of the virtual key the request came with, or {@code null}
 * @param attributes additional attributes, never null
 */
public record Principal(String id, @Nullable String tenant, @Nullable String user, @Nullable String keyId,
    Map<String, String> attributes) {
  public Principal {
    Checks.notBlank(id, "id");
    attributes = Checks.copyOf(attributes, "attributes");
  }

  /** A principal without user or key. */
  public Principal(String id, @Nullable String tenant, Map<String, String> attributes) {
    this(id, tenant, null, null, attributes);
  }

  /** A principal with an id only. */
  public static Principal of(String id) {
    return new Principal(id, null, null, null, Map.of());
  }

  /** A principal with an id and a tenant. */
  public static Principal of(String id, String tenant) {
    return new Principal(id, Checks.notNull(tenant, "tenant"), null, null, Map.of());
  }
}
