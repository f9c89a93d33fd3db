package dev.aegis.api;

import dev.aegis.api.internal.Checks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who a request is made for: an id, the tenant it belongs to, and free-form attributes (team,
 * environment, ...) that routing rules, limits and budgets may match on.
 *
 * <p>A principal is either given by the host in {@link RequestOptions#principal()} or resolved
 * by an authentication plugin from the request's credential (a virtual key).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the principal's id, never blank
 * @param tenant the tenant, or {@code null} when the deployment is single-tenant
 * @param attributes additional attributes, never null
 */
public record Principal(String id, @Nullable String tenant, Map<String, String> attributes) {
  public Principal {
    Checks.notBlank(id, "id");
    attributes = Checks.copyOf(attributes, "attributes");
  }

  /** A principal with an id only. */
  public static Principal of(String id) {
    return new Principal(id, null, Map.of());
  }

  /** A principal with an id and a tenant. */
  public static Principal of(String id, String tenant) {
    return new Principal(id, Checks.notNull(tenant, "tenant"), Map.of());
  }
}
