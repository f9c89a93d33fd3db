package dev.aegis.api.event;

import dev.aegis.api.Principal;
import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Who and what a request-scoped event is about: the request id, the principal's id and tenant
 * (never a key or credential), and the alias the caller asked for.
 *
 * @param requestId the request id
 * @param principal the principal's id, or {@code null} when none was given or resolved
 * @param tenant the principal's tenant, or {@code null}
 * @param alias the requested model or alias, or {@code null} for the default route
 *     <p>Immutable and thread-safe.
 */
public record RequestInfo(String requestId, @Nullable String principal, @Nullable String tenant,
    @Nullable String alias) {
  public RequestInfo {
    Checks.notNull(requestId, "requestId");
  }

  /** The info for a request made for {@code principal} (may be null) asking for {@code alias}. */
  public static RequestInfo of(String requestId, @Nullable Principal principal, @Nullable String alias) {
    return new RequestInfo(requestId, principal == null ? null : principal.id(),
        principal == null ? null : principal.tenant(), alias);
  }
}
