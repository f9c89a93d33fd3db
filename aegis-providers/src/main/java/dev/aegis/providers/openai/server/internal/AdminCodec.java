package dev.aegis.providers.openai.server.internal;

import static dev.aegis.providers.openai.internal.RequestFields.string;
import static dev.aegis.providers.openai.internal.RequestFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.KeyPolicy;
import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.health.AliasHealth;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.TargetHealth;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.internal.RequestFields;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The admin API's JSON: virtual keys (in and out), usage buckets, budget statuses and the health
 * report, with snake_case fields and ISO-8601 instants as the rest of the OpenAI wire uses. Bad
 * input is an {@link InvalidRequestException} naming the field, in the gateway's words.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdminCodec {
  private AdminCodec() {}

  // ------------------------------------------------------------------ keys in

  /** A key template from {@code POST /admin/keys}. */
  public static VirtualKey keyTemplate(byte[] body) {
    JsonNode root = RequestFields.parseObject(body);
    VirtualKey.Builder b = VirtualKey.builder();
    try {
      b.id(string(root, "id"));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'id' is not valid: " + e.getMessage(), "id");
    }
    b.name(string(root, "name")).tenant(string(root, "tenant")).user(string(root, "user"));
    for (String m : strings(root, "models")) b.allowModel(m);
    for (String p : strings(root, "providers")) b.allowProvider(p);
    for (String s : strings(root, "scopes")) b.scope(scope(s));
    b.expiresAt(instant(root, "expires_at"));
    JsonNode limits = array(root, "limits");
    for (int i = 0; i < limits.size(); i++) b.limit(limit(limits.get(i), "limits[" + i + "]"));
    JsonNode budgets = array(root, "budgets");
    for (int i = 0; i < budgets.size(); i++) b.budget(budget(budgets.get(i), "budgets[" + i + "]"));
    String profile = string(root, "guardrail_profile");
    Map<String, String> aliases = stringMap(root, "aliases");
    if (profile != null || !aliases.isEmpty()) b.policy(new KeyPolicy(profile, aliases));
    stringMap(root, "metadata").forEach(b::metadata);
    return b.build();
  }

  /** The grace period of {@code POST /admin/keys/{id}/rotate}: {@code grace_seconds}, default 0. */
  public static Duration rotationGrace(byte[] body) {
    if (body.length == 0) return Duration.ZERO;
    JsonNode root = RequestFields.parseObject(body);
    JsonNode v = root.get("grace_seconds");
    if (v == null || v.isNull()) return Duration.ZERO;
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw new InvalidRequestException("'grace_seconds' must be a whole number of seconds, zero or more, but was "
          + (v.isIntegralNumber() ? v.asText() : RequestFields.describe(v)), "grace_seconds");
    }
    return Duration.ofSeconds(v.asLong());
  }

  private static RateLimit limit(JsonNode n, String path) {
    if (!n.isObject()) throw wrongType(path, "an object", n);
    RateLimit.Scope scope = enumValue(RateLimit.Scope.class, required(n, "scope", path), path + ".scope");
    RateLimit.Kind kind = enumValue(RateLimit.Kind.class, required(n, "kind", path), path + ".kind");
    long amount = wholeNumber(n, "amount", path);
    try {
      RateLimit limit = kind == RateLimit.Kind.CONCURRENT ? RateLimit.concurrent(scope, amount)
          : kind == RateLimit.Kind.TOKENS ? RateLimit.tokens(scope, amount, Duration.ofSeconds(wholeNumber(n, "per_seconds", path)))
          : RateLimit.requests(scope, amount, Duration.ofSeconds(wholeNumber(n, "per_seconds", path)));
      String name = string(n, "name", path + ".name");
      return name == null ? limit : new RateLimit(name, limit.scope(), limit.kind(), limit.amount(), limit.per());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'" + path + "' is not valid: " + e.getMessage(), path);
    }
  }

  private static Budget budget(JsonNode n, String path) {
    if (!n.isObject()) throw wrongType(path, "an object", n);
    String name = required(n, "name", path);
    Budget.Scope scope = enumValue(Budget.Scope.class, required(n, "scope", path), path + ".scope");
    Budget.Period period = enumValue(Budget.Period.class, required(n, "period", path), path + ".period");
    JsonNode amount = n.get("amount");
    if (amount == null || !(amount.isNumber() || amount.isTextual())) {
      throw wrongType(path + ".amount", "a number of US dollars", amount);
    }
    Budget b;
    try {
      b = Budget.of(name, scope, amount.asText(), period);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("'" + path + ".amount' must be a number of US dollars but was '"
          + amount.asText() + "'", path + ".amount");
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'" + path + "' is not valid: " + e.getMessage(), path);
    }
    String zone = string(n, "zone", path + ".zone");
    if (zone == null) return b;
    try {
      return b.in(ZoneId.of(zone));
    } catch (DateTimeException e) {
      throw new InvalidRequestException("'" + path + ".zone' is not a known time zone: '" + zone + "'", path + ".zone");
    }
  }

  private static Scope scope(String s) {
    return enumValue(Scope.class, s, "scopes");
  }

  // ------------------------------------------------------------------ keys out

  /** A key as the admin API shows it (never a secret: a {@link VirtualKey} holds none). */
  public static ObjectNode key(VirtualKey k) {
    ObjectNode o = Json.object().put("id", k.id()).put("object", "virtual_key").put("name", k.name())
        .put("tenant", k.tenant()).put("user", k.user());
    ArrayNode models = o.putArray("models");
    k.allowedModels().forEach(models::add);
    ArrayNode providers = o.putArray("providers");
    k.allowedProviders().stream().sorted().forEach(providers::add);
    ArrayNode scopes = o.putArray("scopes");
    k.scopes().stream().sorted().forEach(s -> scopes.add(lower(s)));
    o.put("created_at", text(k.createdAt())).put("expires_at", text(k.expiresAt()))
        .put("revoked_at", text(k.revokedAt()));
    ArrayNode limits = o.putArray("limits");
    for (RateLimit l : k.limits()) {
      ObjectNode n = limits.addObject().put("name", l.name()).put("scope", lower(l.scope())).put("kind", lower(l.kind()))
          .put("amount", l.amount());
      if (l.kind() != RateLimit.Kind.CONCURRENT) n.put("per_seconds", l.per().toSeconds());
    }
    ArrayNode budgets = o.putArray("budgets");
    for (Budget b : k.budgets()) budgets.add(budget(b));
    o.put("guardrail_profile", k.policy().guardrailProfile());
    ObjectNode aliases = o.putObject("aliases");
    k.policy().aliases().forEach(aliases::put);
    ObjectNode metadata = o.putObject("metadata");
    k.metadata().forEach(metadata::put);
    return o;
  }

  /** An issued or rotated key: the key and, this once, its secret. */
  public static byte[] issued(IssuedKey issued) {
    return Json.bytes(key(issued.key()).put("secret", issued.secret()));
  }

  /** {@code {"object":"list","data":[...]}}. */
  public static <T> byte[] list(List<T> items, java.util.function.Function<T, ObjectNode> encode) {
    ObjectNode o = Json.object().put("object", "list");
    ArrayNode data = o.putArray("data");
    for (T item : items) data.add(encode.apply(item));
    return Json.bytes(o);
  }

  // ------------------------------------------------------------------ usage, budgets, health

  public static ObjectNode bucket(UsageBucket b) {
    return Json.object().put("start", b.start().toString()).put("granularity", lower(b.granularity()))
        .put("tenant", b.tenant()).put("key_id", b.keyId()).put("model", b.model()).put("provider", b.provider())
        .put("requests", b.requests()).put("failures", b.failures()).put("input_tokens", b.inputTokens())
        .put("output_tokens", b.outputTokens()).put("cache_read_tokens", b.cacheReadTokens())
        .put("cache_write_tokens", b.cacheWriteTokens()).put("reasoning_tokens", b.reasoningTokens())
        .put("cost", b.cost()).put("unpriced", b.unpriced());
  }

  public static ObjectNode budgetStatus(BudgetStatus s) {
    ObjectNode o = Json.object();
    o.set("budget", budget(s.budget()));
    return o.put("period_id", s.periodId()).put("period_end", s.periodEnd().toString()).put("spent", s.spent())
        .put("reserved", s.reserved()).put("remaining", s.remaining());
  }

  private static ObjectNode budget(Budget b) {
    return Json.object().put("name", b.name()).put("scope", lower(b.scope())).put("amount", b.amount())
        .put("currency", b.currency()).put("period", lower(b.period())).put("zone", b.zone().getId());
  }

  /** The whole health report, for {@code GET /admin/health}. */
  public static byte[] health(HealthReport h) {
    ObjectNode o = Json.object().put("status", h.ready() ? "ready" : "not_ready").put("checked_at",
        h.checkedAt().toString()).put("draining", h.draining());
    ArrayNode targets = o.putArray("targets");
    for (TargetHealth t : h.targets()) {
      ObjectNode n = targets.addObject().put("target", t.target()).put("provider", t.provider())
          .put("circuit", lower(t.circuit())).put("error_rate", t.errorRate())
          .put("latency_ms", t.latency() == null ? null : t.latency().toMillis())
          .put("last_error", t.lastError()).put("last_success", text(t.lastSuccess()));
      if (t.probe() != null) n.putObject("probe").put("status", lower(t.probe().status())).put("detail", t.probe().detail());
    }
    ArrayNode aliases = o.putArray("aliases");
    for (AliasHealth a : h.aliases()) {
      ArrayNode routable = aliases.addObject().put("alias", a.alias()).put("routable", a.routable())
          .putArray("routable_targets");
      a.routableTargets().forEach(routable::add);
    }
    ArrayNode stores = o.putArray("stores");
    for (StoreHealth s : h.stores()) {
      stores.addObject().put("name", s.name()).put("reachable", s.reachable()).put("detail", s.detail());
    }
    o.putObject("hook_queue").put("queued", h.hooks().queued()).put("capacity", h.hooks().capacity())
        .put("dropped", h.hooks().dropped());
    return Json.bytes(o);
  }

  // ------------------------------------------------------------------ fields

  /** An ISO-8601 instant from a query parameter or field. */
  public static Instant instant(String value, String param) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("'" + param + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z but was '"
          + value + "'", param, e);
    }
  }

  /** An enum constant named case-insensitively, or a 400 listing the allowed names. */
  public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String param) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) return e;
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      if (allowed.length() > 0) allowed.append(", ");
      allowed.append(lower(e));
    }
    throw new InvalidRequestException("'" + param + "' must be one of " + allowed + " but was '" + value + "'", param);
  }

  private static @Nullable Instant instant(JsonNode n, String field) {
    String v = string(n, field);
    return v == null ? null : instant(v, field);
  }

  private static String required(JsonNode n, String field, String path) {
    String v = string(n, field, path + "." + field);
    if (v == null) throw new InvalidRequestException("'" + path + "." + field + "' is required", path + "." + field);
    return v;
  }

  private static long wholeNumber(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidRequestException("'" + path + "." + field + "' is required", path + "." + field);
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(path + "." + field, "an integer", v);
    return v.asLong();
  }

  private static JsonNode array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return Json.NODES.arrayNode();
    if (!v.isArray()) throw wrongType(field, "an array", v);
    return v;
  }

  private static List<String> strings(JsonNode n, String field) {
    JsonNode v = array(n, field);
    String[] out = new String[v.size()];
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
        throw wrongType(field + "[" + i + "]", "a non-empty string", v.get(i));
      }
      out[i] = v.get(i).asText();
    }
    return List.of(out);
  }

  private static Map<String, String> stringMap(JsonNode n, String field) {
    JsonNode v = n.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) return out;
    if (!v.isObject()) throw wrongType(field, "an object of strings", v);
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) throw wrongType(field + "." + e.getKey(), "a string", e.getValue());
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static @Nullable String text(@Nullable Instant i) {
    return i == null ? null : i.toString();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
