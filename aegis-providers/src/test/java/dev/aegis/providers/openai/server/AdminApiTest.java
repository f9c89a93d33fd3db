package dev.aegis.providers.openai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.health.AliasHealth;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.HookQueueHealth;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.TargetHealth;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageReports;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin API under {@code /admin} against a fake gateway: who may call it, keys, usage, budgets, health. */
class AdminApiTest {
  private static final String ADMIN = "secret-admin";
  private static final String INFERENCE = "secret-app";
  private final FakeGateway gateway = new FakeGateway();
  private final FakeVirtualKeys keys = new FakeVirtualKeys();
  private final List<UsageQuery> usageQueries = new CopyOnWriteArrayList<>();
  private final List<String> budgetQueries = new CopyOnWriteArrayList<>();
  private final OpenAiEndpoint endpoint = OpenAiEndpoint.builder(gateway).requestIds(() -> "gen-1")
      .blockingExecutor(Runnable::run).build();

  AdminApiTest() {
    gateway.keys = keys;
    keys.add(VirtualKey.builder().id("root").name("ops").scope(Scope.ADMIN).build(), ADMIN);
    keys.add(VirtualKey.builder().id("app1").tenant("acme").allowModel("smart").build(), INFERENCE);
    gateway.usage = reports(List.of(), List.of());
  }

  private RecordingResponse call(String method, String target, @Nullable String key, String body) {
    RecordingResponse response = new RecordingResponse();
    Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
    endpoint.handle(ServerRequest.of(method, target, headers, body.getBytes(StandardCharsets.UTF_8)), response);
    return response;
  }

  private RecordingResponse admin(String method, String target, String body) {
    return call(method, target, ADMIN, body);
  }

  private static String error(String message, String type, @Nullable String param, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
        + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":\"" + code + "\"}}";
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(null, 401, error("no credential: the admin API needs a virtual key with the admin scope",
            "authentication_error", null, "authentication")),
        Arguments.of("secret-wrong", 401, error("unknown virtual key", "authentication_error", null, "authentication")),
        Arguments.of(INFERENCE, 403, error("virtual key 'app1' has no admin scope", "permission_error", null,
            "permission_denied")));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void onlyALiveKeyWithTheAdminScopeGetsIn(@Nullable String key, int status, String body) {
    RecordingResponse r = call("GET", "/admin/keys", key, "");
    assertThat(r.status).isEqualTo(status);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.headers).containsEntry("content-type", "application/json").containsEntry("x-request-id", "gen-1");
    assertThat(keys.calls).isEmpty();
  }

  @Test
  void aRevokedAdminKeyIsRefused() {
    assertThat(admin("DELETE", "/admin/keys/root", "").status).isEqualTo(200);
    RecordingResponse r = admin("GET", "/admin/keys", "");
    assertThat(r.status).isEqualTo(401);
    assertThat(r.body()).isEqualTo(error("virtual key 'root' was revoked", "authentication_error", null,
        "authentication"));
  }

  @Test
  void aTenantsAdminKeyManagesThatTenantOnly() {
    keys.add(VirtualKey.builder().id("acmeadm").tenant("acme").scope(Scope.ADMIN).build(), "secret-acme-admin");
    keys.add(VirtualKey.builder().id("other1").tenant("globex").build(), "secret-globex");
    String acme = "secret-acme-admin";

    assertThat(call("GET", "/admin/keys", acme, "").body()).contains("\"id\":\"app1\"").contains("\"id\":\"acmeadm\"")
        .doesNotContain("other1").doesNotContain("\"id\":\"root\"");
    assertThat(keys.calls).containsExactly("list acme");
    RecordingResponse elsewhere = call("GET", "/admin/keys?tenant=globex", acme, "");
    assertThat(elsewhere.status).isEqualTo(403);
    assertThat(elsewhere.body()).isEqualTo(error("admin key 'acmeadm' manages tenant 'acme' only", "permission_error",
        null, "permission_denied"));

    RecordingResponse issued = call("POST", "/admin/keys", acme, "{\"name\":\"bot\"}");
    assertThat(issued.status).isEqualTo(201);
    assertThat(issued.body()).startsWith("{\"id\":\"key1\",\"object\":\"virtual_key\",\"name\":\"bot\","
        + "\"tenant\":\"acme\",");
    assertThat(call("POST", "/admin/keys", acme, "{\"tenant\":\"globex\"}").status).isEqualTo(403);

    for (String[] m : new String[][] {{"GET", "/admin/keys/other1"}, {"DELETE", "/admin/keys/other1"},
        {"POST", "/admin/keys/other1/rotate"}}) {
      RecordingResponse r = call(m[0], m[1], acme, "");
      assertThat(r.status).as(m[0] + " " + m[1]).isEqualTo(404);
      assertThat(r.body()).isEqualTo(error("no virtual key 'other1'", "not_found_error", null, "not_found"));
    }
    assertThat(keys.describe("other1").orElseThrow().revokedAt()).isNull();

    call("GET", "/admin/usage?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z", acme, "");
    assertThat(usageQueries).containsExactly(UsageQuery.of(Granularity.HOUR, Instant.parse("2026-12-01T00:00:00Z"),
        Instant.parse("2026-12-02T00:00:00Z")).tenant("acme"));
    assertThat(call("GET", "/admin/usage?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&tenant=globex", acme, "")
        .status).isEqualTo(403);
    call("GET", "/admin/budgets", acme, "");
    assertThat(budgetQueries).containsExactly("acme/null");
  }

  @Test
  void aGatewayWithoutVirtualKeysHasNoAdminApi() {
    gateway.keys = null;
    RecordingResponse r = admin("GET", "/admin/keys", "");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.body()).isEqualTo(error("this gateway has no admin API: it has no virtual keys", "not_found_error",
        null, "not_found"));
  }

  @Test
  void theAdminApiCanBeSwitchedOff() {
    OpenAiEndpoint off = OpenAiEndpoint.builder(gateway).requestIds(() -> "gen-1").adminApi(false).build();
    RecordingResponse r = new RecordingResponse();
    off.handle(ServerRequest.of("GET", "/admin/keys", Map.of("Authorization", "Bearer " + ADMIN), new byte[0]), r);
    assertThat(r.status).isEqualTo(404);
    assertThat(r.body()).isEqualTo(error("no such endpoint: GET /admin/keys", "not_found_error", null, "unknown_url"));
  }

  @Test
  void issuesAKeyWithEverySettingAndShowsItsSecretOnce() {
    RecordingResponse r = admin("POST", "/admin/keys", "{\"name\":\"ci\",\"tenant\":\"acme\",\"user\":\"alice\","
        + "\"models\":[\"smart\",\"fast-*\"],\"providers\":[\"openai\"],\"scopes\":[\"inference\"],"
        + "\"expires_at\":\"2027-01-01T00:00:00Z\","
        + "\"limits\":[{\"scope\":\"key\",\"kind\":\"requests\",\"amount\":60,\"per_seconds\":60},"
        + "{\"scope\":\"tenant\",\"kind\":\"concurrent\",\"amount\":4,\"name\":\"acme.inflight\"}],"
        + "\"budgets\":[{\"name\":\"alice-daily\",\"scope\":\"key\",\"amount\":\"5.00\",\"period\":\"daily\","
        + "\"zone\":\"Europe/Berlin\"}],"
        + "\"guardrail_profile\":\"strict\",\"aliases\":{\"gpt-4o\":\"smart\"},\"metadata\":{\"team\":\"search\"}}");

    assertThat(r.status).isEqualTo(201);
    String key = "{\"id\":\"key1\",\"object\":\"virtual_key\",\"name\":\"ci\",\"tenant\":\"acme\",\"user\":\"alice\","
        + "\"models\":[\"smart\",\"fast-*\"],\"providers\":[\"openai\"],\"scopes\":[\"inference\"],"
        + "\"created_at\":\"2026-12-01T10:00:00Z\",\"expires_at\":\"2027-01-01T00:00:00Z\",\"revoked_at\":null,"
        + "\"limits\":[{\"name\":\"key.requests\",\"scope\":\"key\",\"kind\":\"requests\",\"amount\":60,"
        + "\"per_seconds\":60},{\"name\":\"acme.inflight\",\"scope\":\"tenant\",\"kind\":\"concurrent\",\"amount\":4}],"
        + "\"budgets\":[{\"name\":\"alice-daily\",\"scope\":\"key\",\"amount\":5.00,\"currency\":\"USD\","
        + "\"period\":\"daily\",\"zone\":\"Europe/Berlin\"}],"
        + "\"guardrail_profile\":\"strict\",\"aliases\":{\"gpt-4o\":\"smart\"},\"metadata\":{\"team\":\"search\"}";
    assertThat(r.body()).isEqualTo(key + ",\"secret\":\"secret-key1-1\"}");

    RecordingResponse described = admin("GET", "/admin/keys/key1", "");
    assertThat(described.status).isEqualTo(200);
    assertThat(described.body()).isEqualTo(key + "}");
    VirtualKey stored = keys.describe("key1").orElseThrow();
    assertThat(stored.limits()).containsExactly(RateLimit.requests(RateLimit.Scope.KEY, 60, Duration.ofMinutes(1)),
        new RateLimit("acme.inflight", RateLimit.Scope.TENANT, RateLimit.Kind.CONCURRENT, 4, Duration.ZERO));
    assertThat(stored.budgets()).containsExactly(Budget.of("alice-daily", Budget.Scope.KEY, "5.00", Budget.Period.DAILY)
        .in(java.time.ZoneId.of("Europe/Berlin")));
  }

  @Test
  void listsKeysOfATenant() {
    RecordingResponse r = admin("GET", "/admin/keys?tenant=acme", "");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"app1\",\"object\":\"virtual_key\","
        + "\"name\":null,\"tenant\":\"acme\",\"user\":null,\"models\":[\"smart\"],\"providers\":[],"
        + "\"scopes\":[\"inference\"],\"created_at\":\"2026-12-01T10:00:00Z\",\"expires_at\":null,\"revoked_at\":null,"
        + "\"limits\":[],\"budgets\":[],\"guardrail_profile\":null,\"aliases\":{},\"metadata\":{}}]}");
    assertThat(keys.calls).containsExactly("list acme");
    admin("GET", "/admin/keys", "");
    assertThat(keys.calls).containsExactly("list acme", "list null");
  }

  @Test
  void rotatesWithAGracePeriodAndRevokes() {
    RecordingResponse rotated = admin("POST", "/admin/keys/app1/rotate", "{\"grace_seconds\":300}");
    assertThat(rotated.status).isEqualTo(200);
    assertThat(rotated.body()).startsWith("{\"id\":\"app1\",\"object\":\"virtual_key\",")
        .endsWith(",\"secret\":\"secret-app1-2\"}");
    assertThat(keys.calls).containsExactly("rotate app1 PT5M");
    admin("POST", "/admin/keys/app1/rotate", "");
    assertThat(keys.calls).containsExactly("rotate app1 PT5M", "rotate app1 PT0S");

    RecordingResponse revoked = admin("DELETE", "/admin/keys/app1", "");
    assertThat(revoked.status).isEqualTo(200);
    assertThat(revoked.body()).contains("\"id\":\"app1\"").contains("\"revoked_at\":\"2026-12-01T10:01:00Z\"");
    RecordingResponse again = admin("DELETE", "/admin/keys/app1", "");
    assertThat(again.status).isEqualTo(404);
    assertThat(again.body()).isEqualTo(error("no virtual key 'app1'", "not_found_error", null, "not_found"));
    RecordingResponse rotateRevoked = admin("POST", "/admin/keys/app1/rotate", "");
    assertThat(rotateRevoked.status).isEqualTo(404);
    assertThat(admin("GET", "/admin/keys/nope", "").body())
        .isEqualTo(error("no virtual key 'nope'", "not_found_error", null, "not_found"));
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("POST", "/admin/keys", "{\"name\":", 400,
            error("invalid JSON at line 1, column 9 in the request body", "invalid_request_error", null,
                "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"models\":\"smart\"}", 400,
            error("'models' must be an array but was a string", "invalid_request_error", "models", "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"scopes\":[\"root\"]}", 400,
            error("'scopes' must be one of inference, admin but was 'root'", "invalid_request_error", "scopes",
                "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"limits\":[{\"scope\":\"key\",\"kind\":\"requests\",\"amount\":0,"
                + "\"per_seconds\":60}]}", 400,
            error("'limits[0]' is not valid: a rate limit's amount must be at least 1 but was 0",
                "invalid_request_error", "limits[0]", "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"budgets\":[{\"name\":\"b\",\"scope\":\"key\",\"amount\":\"lots\","
                + "\"period\":\"daily\"}]}", 400,
            error("'budgets[0].amount' must be a number of US dollars but was 'lots'", "invalid_request_error",
                "budgets[0].amount", "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"id\":\"root\"}", 400,
            error("a virtual key with id 'root' already exists", "invalid_request_error", "id", "invalid_request")),
        Arguments.of("POST", "/admin/keys", "{\"expires_at\":\"tomorrow\"}", 400,
            error("'expires_at' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z but was 'tomorrow'",
                "invalid_request_error", "expires_at", "invalid_request")),
        Arguments.of("POST", "/admin/keys/app1/rotate", "{\"grace_seconds\":-5}", 400,
            error("'grace_seconds' must be a whole number of seconds, zero or more, but was -5",
                "invalid_request_error", "grace_seconds", "invalid_request")),
        Arguments.of("GET", "/admin/usage?to=2026-12-02T00:00:00Z", "", 400,
            error("query parameter 'from' is required", "invalid_request_error", "from", "invalid_request")),
        Arguments.of("GET", "/admin/usage?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "", 400,
            error("a usage query's 'from' must be before its 'to'", "invalid_request_error", "from",
                "invalid_request")),
        Arguments.of("GET", "/admin/usage?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&granularity=week", "", 400,
            error("'granularity' must be one of minute, hour, day but was 'week'", "invalid_request_error",
                "granularity", "invalid_request")),
        Arguments.of("GET", "/admin/budgets?team=x", "", 400,
            error("unknown query parameter 'team'; known: [key_id, tenant]", "invalid_request_error", "team",
                "invalid_request")),
        Arguments.of("GET", "/admin/nothing", "", 404,
            error("no such admin endpoint: GET /admin/nothing", "not_found_error", null, "not_found")),
        Arguments.of("PUT", "/admin/keys", "", 405,
            error("method PUT is not allowed here; use GET, POST", "invalid_request_error", null,
                "method_not_allowed")));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputIsAnsweredInTheGatewaysWords(String method, String target, String body, int status, String expected) {
    RecordingResponse r = admin(method, target, body);
    assertThat(r.status).isEqualTo(status);
    assertThat(r.body()).isEqualTo(expected);
  }

  @Test
  void usageForATimeRangeAndFilters() {
    gateway.usage = reports(List.of(new UsageBucket(Instant.parse("2026-12-01T09:00:00Z"), Granularity.HOUR, "acme",
        "app1", "gpt-4o", "openai", 12, 1, 3400, 900, 1200, 0, 150, new BigDecimal("0.0425"), 0)), List.of());
    RecordingResponse r = admin("GET", "/admin/usage?from=2026-12-01T00%3A00%3A00Z&to=2026-12-02T00:00:00Z"
        + "&granularity=hour&tenant=acme&key_id=app1&model=gpt-4o&provider=openai", "");

    assertThat(r.status).isEqualTo(200);
    assertThat(usageQueries).containsExactly(new UsageQuery(Granularity.HOUR, Instant.parse("2026-12-01T00:00:00Z"),
        Instant.parse("2026-12-02T00:00:00Z"), "acme", "app1", "gpt-4o", "openai"));
    assertThat(r.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"start\":\"2026-12-01T09:00:00Z\","
        + "\"granularity\":\"hour\",\"tenant\":\"acme\",\"key_id\":\"app1\",\"model\":\"gpt-4o\",\"provider\":\"openai\","
        + "\"requests\":12,\"failures\":1,\"input_tokens\":3400,\"output_tokens\":900,\"cache_read_tokens\":1200,"
        + "\"cache_write_tokens\":0,\"reasoning_tokens\":150,\"cost\":0.0425,\"unpriced\":0}]}");

    admin("GET", "/admin/usage?from=2026-12-01T00:00:00Z&to=2026-12-01T01:00:00Z&granularity=MINUTE", "");
    assertThat(usageQueries.get(1)).isEqualTo(UsageQuery.of(Granularity.MINUTE, Instant.parse("2026-12-01T00:00:00Z"),
        Instant.parse("2026-12-01T01:00:00Z")));
  }

  @Test
  void budgetsAndWhatRemains() {
    Budget monthly = Budget.of("acme-monthly", Budget.Scope.TENANT, "250.00", Budget.Period.MONTHLY);
    gateway.usage = reports(List.of(), List.of(new BudgetStatus(monthly, "2026-12", Instant.parse("2027-01-01T00:00:00Z"),
        new BigDecimal("200.50"), new BigDecimal("1.25"), new BigDecimal("48.25"))));
    RecordingResponse r = admin("GET", "/admin/budgets?tenant=acme&key_id=app1", "");

    assertThat(r.status).isEqualTo(200);
    assertThat(budgetQueries).containsExactly("acme/app1");
    assertThat(r.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"budget\":{\"name\":\"acme-monthly\","
        + "\"scope\":\"tenant\",\"amount\":250.00,\"currency\":\"USD\",\"period\":\"monthly\",\"zone\":\"Z\"},"
        + "\"period_id\":\"2026-12\",\"period_end\":\"2027-01-01T00:00:00Z\",\"spent\":200.50,\"reserved\":1.25,"
        + "\"remaining\":48.25}]}");
  }

  @Test
  void aGatewayWithoutUsageSaysSo() {
    gateway.usage = null;
    RecordingResponse r = admin("GET", "/admin/budgets", "");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.body()).isEqualTo(error("this gateway keeps no usage", "not_found_error", null, "not_found"));
  }

  @Test
  void healthDetail() {
    gateway.health = () -> HealthReport.of(Instant.parse("2026-12-01T10:00:00Z"), false,
        List.of(new TargetHealth("openai/gpt-4o", "openai", CircuitStateChanged.State.OPEN, 0.5, Duration.ofMillis(420),
            "provider 'openai' answered 503", Instant.parse("2026-12-01T09:59:00Z"), null)),
        List.of(new AliasHealth("smart", false, List.of())), List.of(StoreHealth.up("redis")),
        new HookQueueHealth(3, 1024, 7));
    RecordingResponse r = admin("GET", "/admin/health", "");

    assertThat(r.status).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"not_ready\",\"checked_at\":\"2026-12-01T10:00:00Z\","
        + "\"draining\":false,\"targets\":[{\"target\":\"openai/gpt-4o\",\"provider\":\"openai\",\"circuit\":\"open\","
        + "\"error_rate\":0.5,\"latency_ms\":420,\"last_error\":\"provider 'openai' answered 503\","
        + "\"last_success\":\"2026-12-01T09:59:00Z\"}],\"aliases\":[{\"alias\":\"smart\",\"routable\":false,"
        + "\"routable_targets\":[]}],\"stores\":[{\"name\":\"redis\",\"reachable\":true,\"detail\":\"ok\"}],"
        + "\"hook_queue\":{\"queued\":3,\"capacity\":1024,\"dropped\":7}}");
  }

  private UsageReports reports(List<UsageBucket> buckets, List<BudgetStatus> budgets) {
    return new UsageReports() {
      @Override
      public List<UsageBucket> query(UsageQuery query) {
        usageQueries.add(query);
        return buckets;
      }

      @Override
      public List<BudgetStatus> budgets(@Nullable String tenant, @Nullable String keyId) {
        budgetQueries.add(tenant + "/" + keyId);
        return budgets;
      }
    };
  }
}
