package dev.aegis.providers.openai.server.internal;

import dev.aegis.api.AiGateway;
import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.auth.VirtualKeys;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.PermissionDeniedException;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageReports;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.server.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The admin API under {@code /admin}, over {@link AiGateway#virtualKeys()},
 * {@link AiGateway#usage()} and {@link AiGateway#health()}, open only to a live virtual key with
 * {@link Scope#ADMIN} (sent as for any other call: {@code Authorization: Bearer} or
 * {@code X-API-Key}):
 *
 * <ul>
 *   <li>{@code GET /admin/keys[?tenant=]} lists keys, {@code POST /admin/keys} issues one (201, with
 *       its secret, shown this once);
 *   <li>{@code GET /admin/keys/{id}} describes a key, {@code DELETE /admin/keys/{id}} revokes it,
 *       {@code POST /admin/keys/{id}/rotate} gives it a new secret ({@code {"grace_seconds":N}} keeps
 *       the old one valid that long);
 *   <li>{@code GET /admin/usage?from=&to=[&granularity=minute|hour|day][&tenant=][&key_id=][&model=][&provider=]}
 *       usage and spend per bucket;
 *   <li>{@code GET /admin/budgets[?tenant=][&key_id=]} where budgets stand and what remains;
 *   <li>{@code GET /admin/health} the whole health report.
 * </ul>
 *
 * <p>An admin key with a tenant manages that tenant only: its lists, usage and budgets are that
 * tenant's, the keys it issues belong to it, and another tenant's key is unknown to it. An admin
 * key without a tenant manages every tenant.
 *
 * <p>Every call may block on a store (Redis), so the endpoint runs it on its blocking executor.
 * Failures are gateway exceptions, answered in OpenAI's error shape: 401 without a valid key,
 * 403 for a key without the admin scope, 404 for an unknown key or a gateway without virtual keys
 * or usage, 400 for bad input.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdminApi {
  public static final String PREFIX = "/admin";
  private static final String KEYS = "/admin/keys";
  private static final Set<String> USAGE_PARAMS = Set.of("from", "to", "granularity", "tenant", "key_id", "model",
      "provider");
  private static final Set<String> BUDGET_PARAMS = Set.of("tenant", "key_id");
  private static final Set<String> KEY_LIST_PARAMS = Set.of("tenant");

  /** One answer: status, the methods allowed when it is a 405, and the JSON body. */
  public record Reply(int status, @Nullable String allow, byte[] body) {}

  private AdminApi() {}

  /**
   * Serves one admin request on the calling (blocking) thread.
   *
   * @throws GatewayException for every failure, answered by the endpoint in OpenAI's error shape
   */
  public static Reply handle(AiGateway gateway, ServerRequest request) {
    VirtualKeys keys = keys(gateway);
    VirtualKey admin = authorize(keys, request);
    String path = request.path();
    String method = request.method();
    Map<String, String> query = query(request.query());
    if (path.equals(KEYS)) {
      if (method.equals("GET")) {
        params(query, KEY_LIST_PARAMS);
        return ok(AdminCodec.list(keys.list(tenant(admin, query.get("tenant"))), AdminCodec::key));
      }
      if (method.equals("POST")) {
        VirtualKey template = AdminCodec.keyTemplate(request.body());
        String tenant = tenant(admin, template.tenant());
        try {
          return new Reply(201, null, AdminCodec.issued(keys.issue(template.toBuilder().tenant(tenant).build())));
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException(e.getMessage(), "id", e);
        }
      }
      return notAllowed("GET, POST");
    }
    if (path.startsWith(KEYS + "/")) {
      String rest = path.substring(KEYS.length() + 1);
      if (rest.endsWith("/rotate")) {
        String id = id(rest.substring(0, rest.length() - "/rotate".length()));
        if (!method.equals("POST")) return notAllowed("POST");
        managed(keys, admin, id);
        try {
          return ok(AdminCodec.issued(keys.rotate(id, AdminCodec.rotationGrace(request.body()))));
        } catch (NoSuchElementException e) {
          throw unknownKey(id);
        }
      }
      String id = id(rest);
      if (method.equals("GET")) {
        return ok(Json.bytes(AdminCodec.key(managed(keys, admin, id))));
      }
      if (method.equals("DELETE")) {
        managed(keys, admin, id);
        if (!keys.revoke(id)) throw unknownKey(id);
        return ok(Json.bytes(AdminCodec.key(keys.describe(id).orElseThrow(() -> unknownKey(id)))));
      }
      return notAllowed("GET, DELETE");
    }
    if (path.equals(PREFIX + "/usage")) {
      if (!method.equals("GET")) return notAllowed("GET");
      params(query, USAGE_PARAMS);
      return ok(AdminCodec.list(usage(gateway).query(usageQuery(query).tenant(tenant(admin, query.get("tenant")))),
          AdminCodec::bucket));
    }
    if (path.equals(PREFIX + "/budgets")) {
      if (!method.equals("GET")) return notAllowed("GET");
      params(query, BUDGET_PARAMS);
      return ok(AdminCodec.list(usage(gateway).budgets(tenant(admin, query.get("tenant")), query.get("key_id")),
          AdminCodec::budgetStatus));
    }
    if (path.equals(PREFIX + "/health")) {
      if (!method.equals("GET")) return notAllowed("GET");
      return ok(AdminCodec.health(gateway.health()));
    }
    throw new GatewayException(ErrorKind.NOT_FOUND, "no such admin endpoint: " + method + " " + path);
  }

  private static VirtualKeys keys(AiGateway gateway) {
    try {
      return gateway.virtualKeys();
    } catch (UnsupportedOperationException e) {
      throw new GatewayException(ErrorKind.NOT_FOUND, "this gateway has no admin API: it has no virtual keys", false, e);
    }
  }

  private static UsageReports usage(AiGateway gateway) {
    try {
      return gateway.usage();
    } catch (UnsupportedOperationException e) {
      throw new GatewayException(ErrorKind.NOT_FOUND, "this gateway keeps no usage", false, e);
    }
  }

  /** Only a live key with the admin scope passes; the key is checked the same way as on a gateway call. */
  private static VirtualKey authorize(VirtualKeys keys, ServerRequest request) {
    String credential = RequestControls.credential(request);
    if (credential == null) {
      throw new AuthenticationException("no credential: the admin API needs a virtual key with the admin scope");
    }
    VirtualKey key = keys.authenticate(credential);
    if (!key.scopes().contains(Scope.ADMIN)) {
      throw new PermissionDeniedException("virtual key '" + key.id() + "' has no admin scope");
    }
    return key;
  }

  /** The tenant a request acts on: the admin key's own, when it has one; asking for another is refused. */
  private static @Nullable String tenant(VirtualKey admin, @Nullable String requested) {
    String own = admin.tenant();
    if (own == null) return requested;
    if (requested != null && !requested.equals(own)) {
      throw new PermissionDeniedException("admin key '" + admin.id() + "' manages tenant '" + own + "' only");
    }
    return own;
  }

  /** The key, if this admin may manage it; another tenant's key is answered as unknown, not as forbidden. */
  private static VirtualKey managed(VirtualKeys keys, VirtualKey admin, String id) {
    VirtualKey k = keys.describe(id).orElseThrow(() -> unknownKey(id));
    if (admin.tenant() != null && !admin.tenant().equals(k.tenant())) throw unknownKey(id);
    return k;
  }

  private static UsageQuery usageQuery(Map<String, String> q) {
    String from = q.get("from");
    String to = q.get("to");
    if (from == null) throw new InvalidRequestException("query parameter 'from' is required", "from");
    if (to == null) throw new InvalidRequestException("query parameter 'to' is required", "to");
    String g = q.get("granularity");
    Granularity granularity = g == null ? Granularity.HOUR : AdminCodec.enumValue(Granularity.class, g, "granularity");
    try {
      return new UsageQuery(granularity, AdminCodec.instant(from, "from"), AdminCodec.instant(to, "to"),
          q.get("tenant"), q.get("key_id"), q.get("model"), q.get("provider"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "from", e);
    }
  }

  private static void params(Map<String, String> query, Set<String> known) {
    for (String name : query.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidRequestException("unknown query parameter '" + name + "'; known: "
            + known.stream().sorted().toList(), name);
      }
    }
  }

  /** {@code a=1&b=x%20y}, percent-decoded; a name given twice keeps its first value. */
  static Map<String, String> query(@Nullable String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!value.isEmpty()) out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("the query string is not validly percent-encoded: '" + s + "'", null, e);
    }
  }

  private static String id(String segment) {
    if (segment.isEmpty() || segment.indexOf('/') >= 0) {
      throw new GatewayException(ErrorKind.NOT_FOUND, "no such admin endpoint: /admin/keys/" + segment);
    }
    return segment;
  }

  private static GatewayException unknownKey(String id) {
    return new GatewayException(ErrorKind.NOT_FOUND, "no virtual key '" + id + "'");
  }

  private static Reply ok(byte[] body) {
    return new Reply(200, null, body);
  }

  private static Reply notAllowed(String allow) {
    return new Reply(405, allow, new byte[0]);
  }
}
