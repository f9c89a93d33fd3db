package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Ticker;
import dev.aegis.api.auth.StoredKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetCharge;
import dev.aegis.api.budget.BudgetDecision;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Each store against a real redis-server, on a fake ticker shared with the limiter scripts. */
class RedisStoresTest {
  private static RedisServer server;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  private final Ticker ticker = nanos::get;
  private RedisStores redis;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void fresh() {
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      j.flushAll();
    }
    redis = RedisStores.builder().uri(server.uri()).ticker(ticker, true).build();
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    redis.close();
  }

  private static LimitCheck check(String key, RateLimit limit, long cost) {
    return new LimitCheck(key, limit, cost);
  }

  @Test
  void aRequestLimitAdmitsExactlyNThenSaysWhenTheNextIsAdmitted() {
    LimiterStore store = redis.limiterStore();
    RateLimit five = RateLimit.requests(RateLimit.Scope.KEY, 5, Duration.ofMinutes(1));
    LimitRequest r = new LimitRequest("acme", List.of(check("k1", five, 1)));
    for (int i = 0; i < 5; i++) {
      LimitDecision d = store.acquire(r);
      assertThat(d.admitted()).isTrue();
      assertThat(d.status()).isEqualTo(new LimitStatus(5, 4 - i, Duration.ofSeconds(12L * (i + 1)), -1, -1,
          Duration.ZERO));
    }
    LimitDecision refused = store.acquire(r);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.rejectedBy()).isEqualTo(r.checks().get(0));
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    nanos.addAndGet(Duration.ofSeconds(12).toNanos());
    assertThat(store.acquire(r).admitted()).isTrue();
    assertThat(store.acquire(r).retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aRefusedRequestConsumesNothingFromAnyScope() {
    LimiterStore store = redis.limiterStore();
    RateLimit tenant = RateLimit.requests(RateLimit.Scope.TENANT, 10, Duration.ofMinutes(1));
    RateLimit key = RateLimit.requests(RateLimit.Scope.KEY, 1, Duration.ofMinutes(1));
    assertThat(store.acquire(new LimitRequest("acme", List.of(check("t", tenant, 1), check("k", key, 1))))
        .admitted()).isTrue();
    LimitDecision refused = store.acquire(new LimitRequest("acme", List.of(check("t", tenant, 1), check("k", key, 1))));
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.rejectedBy().key()).isEqualTo("k");
    // the tenant counter took only the first request: 9 left
    LimitDecision other = store.acquire(new LimitRequest("acme", List.of(check("t", tenant, 1))));
    assertThat(other.status().remainingRequests()).isEqualTo(8);
  }

  @Test
  void tokensAreReconciledAndConcurrencySlotsReleased() {
    LimiterStore store = redis.limiterStore();
    RateLimit tokens = RateLimit.tokens(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1));
    RateLimit two = RateLimit.concurrent(RateLimit.Scope.TENANT, 2);
    LimitRequest r = new LimitRequest("acme", List.of(check("tok", tokens, 600), check("c", two, 1)));
    assertThat(store.acquire(r).status().remainingTokens()).isEqualTo(400);
    LimitDecision second = store.acquire(r);
    assertThat(second.admitted()).isFalse();
    assertThat(second.rejectedBy().key()).isEqualTo("tok");
    assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(12)); // 200 tokens at 1000/min
    store.settle(r, 100); // used 100 of the 600 estimated: 500 come back
    LimitDecision third = store.acquire(new LimitRequest("acme", List.of(check("tok", tokens, 900))));
    assertThat(third.admitted()).isTrue();
    assertThat(third.status().remainingTokens()).isZero();
    LimitRequest slots = new LimitRequest("acme", List.of(check("c", two, 1)));
    assertThat(store.acquire(slots).admitted()).isTrue();
    assertThat(store.acquire(slots).admitted()).isTrue();
    LimitDecision full = store.acquire(slots);
    assertThat(full.admitted()).isFalse();
    assertThat(full.retryAfter()).isEqualTo(Duration.ZERO);
    store.settle(slots, 0);
    assertThat(store.acquire(slots).admitted()).isTrue();
  }

  @Test
  void everyCounterHasAnExpiryAndLivesInItsTenantsSlot() {
    RateLimit one = RateLimit.requests(RateLimit.Scope.KEY, 60, Duration.ofMinutes(1));
    redis.limiterStore().acquire(new LimitRequest("acme", List.of(check("k1", one, 1))));
    Budget b = Budget.of("monthly", Budget.Scope.TENANT, "10", Budget.Period.MONTHLY);
    redis.budgetStore().reserve("acme", List.of(charge(b, "1.5")));
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.keys("*")).containsExactlyInAnyOrder("aegis:{acme}:l:k1", "aegis:{acme}:b:monthly:2026-06-01");
      // the expiry is the counter's backlog, 1 s at 60 per minute (Redis counts it down in real time)
      assertThat(j.pttl("aegis:{acme}:l:k1")).isBetween(1L, 1000L);
      // a budget counter expires a day after its period ends (the charge's period ends in 20 days)
      assertThat(j.pttl("aegis:{acme}:b:monthly:2026-06-01"))
          .isBetween(Duration.ofDays(21).minusMinutes(1).toMillis(), Duration.ofDays(21).toMillis());
    }
  }

  private static BudgetCharge charge(Budget b, String amount) {
    return new BudgetCharge("monthly:2026-06-01", b, "2026-06-01", Instant.now().plus(Duration.ofDays(20)),
        new BigDecimal(amount));
  }

  @Test
  void budgetsReserveAllOrNothingAndSettleToTheActualCost() {
    Budget b = Budget.of("monthly", Budget.Scope.TENANT, "10", Budget.Period.MONTHLY);
    BudgetDecision first = redis.budgetStore().reserve("acme", List.of(charge(b, "6.25")));
    assertThat(first.reserved()).isTrue();
    assertThat(first.statuses().get(0).reserved()).isEqualByComparingTo("6.25");
    assertThat(first.statuses().get(0).remaining()).isEqualByComparingTo("3.75");
    BudgetDecision second = redis.budgetStore().reserve("acme", List.of(charge(b, "4")));
    assertThat(second.reserved()).isFalse();
    assertThat(second.statuses().get(0).remaining()).isEqualByComparingTo("3.75");
    redis.budgetStore().settle("acme", List.of(charge(b, "6.25")), new BigDecimal("0.000000123"));
    var status = redis.budgetStore().status("acme", charge(b, "0"));
    assertThat(status.spent()).isEqualTo(new BigDecimal("0.000000123"));
    assertThat(status.reserved()).isEqualTo(BigDecimal.ZERO);
    assertThat(status.remaining()).isEqualTo(new BigDecimal("9.999999877"));
  }

  @Test
  void keysAreCreatedRotatedRevokedAndListed() {
    VirtualKey key = VirtualKey.builder().id("key1").tenant("acme").user("alice").allowModel("gpt-*")
        .limit(RateLimit.requests(RateLimit.Scope.KEY, 5, Duration.ofMinutes(1)))
        .budget(Budget.of("daily", Budget.Scope.KEY, "2.50", Budget.Period.DAILY))
        .metadata("team", "search").createdAt(Instant.parse("2026-06-01T12:00:00.123456789Z")).build();
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) 7);
    var keys = redis.keyStore();
    assertThat(keys.create(new StoredKey(key, hash, null, null))).isTrue();
    assertThat(keys.create(new StoredKey(key, hash, null, null))).isFalse();
    assertThat(keys.get("key1")).isEqualTo(new StoredKey(key, hash, null, null));
    assertThat(keys.get("nope")).isNull();
    byte[] next = new byte[32];
    Instant grace = Instant.parse("2026-06-01T12:05:00Z");
    assertThat(keys.rotate("key1", next, grace)).isEqualTo(new StoredKey(key, next, hash, grace));
    Instant at = Instant.parse("2026-06-01T13:00:00Z");
    StoredKey revoked = keys.revoke("key1", at);
    assertThat(revoked).isEqualTo(new StoredKey(key.toBuilder().revokedAt(at).build(), next, null, null));
    assertThat(keys.revoke("key1", at)).isNull();
    assertThat(keys.rotate("key1", hash, grace)).isEqualTo(revoked);
    assertThat(keys.list("acme")).containsExactly(revoked);
    assertThat(keys.list("other")).isEmpty();
    assertThat(keys.list(null)).containsExactly(revoked);
  }

  @Test
  void cacheValuesAreCompressedAboveTheThresholdKeptForTheirTtlAndBounded() {
    var cache = redis.cacheStore();
    CacheKey a = new CacheKey("acme", "a".repeat(64));
    byte[] big = "masked answer ".repeat(200).getBytes(StandardCharsets.UTF_8);
    assertThat(cache.put(a, big, Duration.ofSeconds(30))).isTrue();
    assertThat(cache.get(a)).isEqualTo(big);
    assertThat(cache.get(new CacheKey("other", "a".repeat(64)))).isNull();
    byte[] stored = ((dev.aegis.redis.internal.RedisCacheStore) cache).raw(a);
    assertThat(stored[0]).isEqualTo((byte) 1);
    assertThat(stored.length).isLessThan(big.length / 10);
    CacheKey small = new CacheKey("acme", "b".repeat(64));
    assertThat(cache.put(small, "hi".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30))).isTrue();
    assertThat(((dev.aegis.redis.internal.RedisCacheStore) cache).raw(small)).isEqualTo(new byte[] {0, 'h', 'i'});
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.pttl("aegis:{acme}:c:" + "a".repeat(64))).isBetween(29_000L, 30_000L);
    }
    assertThat(cache.put(small, new byte[(1 << 20) + 1], Duration.ofSeconds(30))).isFalse();
    assertThat(cache.maxValueBytes()).isEqualTo(1 << 20);
    cache.remove(a);
    assertThat(cache.get(a)).isNull();
  }

  @Test
  void usageIsAddedToMinuteHourAndDayBuckets() {
    // buckets expire in real time after their retention, so the records are from this hour
    Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Instant t = hour.plusSeconds(34 * 60 + 56);
    Usage u = Usage.builder().inputTokens(100).outputTokens(40).cacheReadTokens(30).reasoningTokens(10).build();
    var store = redis.usageStore();
    store.add(new UsageRecord("r1", t, "acme", "alice", "k1", "demo", "mock", "mock", "demo", u,
        new BigDecimal("0.0042"), Duration.ofMillis(5), Outcome.Status.SUCCESS, null));
    store.add(new UsageRecord("r2", t.plusSeconds(2), "acme", "alice", "k1", "demo", "mock", "mock", "demo", u, null,
        Duration.ofMillis(5), Outcome.Status.FAILURE, null));
    List<UsageBucket> minutes = store.query(UsageQuery.of(Granularity.MINUTE, t.minusSeconds(3600), t.plusSeconds(3600)));
    assertThat(minutes).containsExactly(new UsageBucket(hour.plusSeconds(34 * 60), Granularity.MINUTE,
        "acme", "k1", "demo", "mock", 2, 1, 200, 80, 60, 0, 20, new BigDecimal("0.0042"), 1));
    List<UsageBucket> days = store.query(UsageQuery.of(Granularity.DAY, t.minus(Duration.ofDays(1)),
        t.plus(Duration.ofDays(1))).tenant("acme").model("demo"));
    assertThat(days).extracting(UsageBucket::start, UsageBucket::requests)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(t.truncatedTo(java.time.temporal.ChronoUnit.DAYS), 2L));
    assertThat(store.query(UsageQuery.of(Granularity.HOUR, t.minusSeconds(7200), t.plusSeconds(7200)).tenant("other")))
        .isEmpty();
  }

  @Test
  void oneAdmissionTakesLimitsAndBudgetsAndARefusedLimitReservesNothing() {
    var store = redis.admissionStore();
    RateLimit two = RateLimit.requests(RateLimit.Scope.TENANT, 2, Duration.ofMinutes(1));
    RateLimit slots = RateLimit.concurrent(RateLimit.Scope.TENANT, 5);
    Budget b = Budget.of("monthly", Budget.Scope.TENANT, "10", Budget.Period.MONTHLY);
    LimitRequest limits = new LimitRequest("acme", List.of(check("r", two, 1), check("c", slots, 1)));
    var first = store.admit(limits, List.of(charge(b, "6")));
    assertThat(first.limits().admitted()).isTrue();
    assertThat(first.budgets().reserved()).isTrue();
    // the budget refuses: the limits stay taken (as after two separate calls) until the settlement
    var second = store.admit(limits, List.of(charge(b, "6")));
    assertThat(second.limits().admitted()).isTrue();
    assertThat(second.budgets().reserved()).isFalse();
    assertThat(second.budgets().statuses().get(0).remaining()).isEqualByComparingTo("4");
    store.settle(limits, 0, List.of(), BigDecimal.ZERO);
    // the request limit refuses: nothing is reserved
    var third = store.admit(limits, List.of(charge(b, "1")));
    assertThat(third.limits().admitted()).isFalse();
    assertThat(third.limits().rejectedBy().key()).isEqualTo("r");
    assertThat(third.budgets()).isNull();
    store.settle(limits, 0, List.of(charge(b, "6")), new BigDecimal("2.5"));
    var status = store.status("acme", charge(b, "0"));
    assertThat(status.spent()).isEqualTo(new BigDecimal("2.5"));
    assertThat(status.reserved()).isEqualTo(BigDecimal.ZERO);
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      assertThat(j.exists("aegis:{acme}:l:c")).isFalse(); // both slots given back
    }
  }
}
