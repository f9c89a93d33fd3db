package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.cache.CacheStatus;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.BudgetExceededException;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two gateway instances sharing one real Redis, 16 threads each: the limits, budgets, keys and
 * cache they share are exact across both. Both instances share one fake ticker for the limiter
 * clock and the key cache (time moves only when a test moves it).
 */
class TwoGatewaysTest {
  private static final PriceTable DOLLAR_A_TOKEN = PriceTable.of(Map.of(
      "mock/demo", PriceTable.Price.of("1000000", "1000000")));
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();
  private static final int THREADS = 16;
  private static RedisServer server;

  private final AtomicLong nanos = new AtomicLong(5_000_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final List<RedisStores> stores = new ArrayList<>();
  private final List<Gateway> gateways = new ArrayList<>();
  private final List<MockProvider> mocks = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);

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
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    gateways.forEach(Gateway::close);
    stores.forEach(RedisStores::close);
  }

  /** Two instances, each on its own client to the same Redis, configured alike. */
  private void twoGateways(Consumer<Gateway.Builder> config) {
    for (int i = 0; i < 2; i++) {
      RedisStores redis = RedisStores.builder().uri(server.uri()).ticker(ticker, true).timeout(Duration.ofSeconds(5))
          .build();
      stores.add(redis);
      MockProvider mock = MockProvider.builder("mock").echo().build();
      mocks.add(mock);
      Gateway.Builder b = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
          .prices(DOLLAR_A_TOKEN).tokenEstimator(TokenEstimator.CHARS_DIV_4)
          .limiterStore(redis.limiterStore()).budgetStore(redis.budgetStore()).usageStore(redis.usageStore())
          .virtualKeys(redis.keyStore());
      config.accept(b);
      gateways.add(b.build());
    }
  }

  private static ChatRequest ask(String text, int maxTokens) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).maxTokens(maxTokens).build();
  }

  /** Runs {@code perThread} calls on each of 16 threads per gateway; returns the admitted count. */
  private int hammer(int perThread, java.util.function.Function<Gateway, ChatResponse> call,
      Class<? extends Exception> refusal, List<ChatResponse> admitted) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    AtomicInteger ok = new AtomicInteger();
    for (Gateway g : gateways) {
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            try {
              ChatResponse r = call.apply(g);
              admitted.add(r);
              ok.incrementAndGet();
            } catch (RuntimeException e) {
              assertThat(e).isInstanceOf(refusal);
            }
          }
          return null;
        }));
      }
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    return ok.get();
  }

  @Test
  void aLimitOfNRequestsAdmitsExactlyNAcrossBothInstances() throws Exception {
    twoGateways(b -> b.limit(RateLimit.requests(RateLimit.Scope.TENANT, 50, Duration.ofMinutes(1))));
    List<ChatResponse> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    int ok = hammer(5, g -> g.route(ask("hello", 8), ACME), RateLimitedException.class, admitted);
    assertThat(ok).isEqualTo(50);
    assertThat(mocks.get(0).calls() + mocks.get(1).calls()).isEqualTo(50);
  }

  @Test
  void aTokenLimitIsNeverExceededAcrossBothInstances() throws Exception {
    twoGateways(b -> b.limit(RateLimit.tokens(RateLimit.Scope.TENANT, 2_000, Duration.ofMinutes(1))));
    List<ChatResponse> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    ChatRequest r = ask("count the tokens of this request", 60);
    long estimate = TokenEstimator.CHARS_DIV_4.estimate(r) + 60;
    int ok = hammer(4, g -> g.route(r, ACME), RateLimitedException.class, admitted);
    long used = 0;
    for (ChatResponse a : admitted) {
      used += a.usage().totalTokens();
    }
    assertThat(used).isLessThanOrEqualTo(2_000);
    // each admitted request holds at most its estimate until it settles to what it used
    assertThat((long) ok).isGreaterThanOrEqualTo(2_000 / estimate);
    assertThat(ok).isLessThan(2 * THREADS * 4);
  }

  @Test
  void sixteenConcurrentReservationsPerInstanceNeverOverspend() throws Exception {
    ChatRequest r = ask("reserve", 20);
    long worstCase = TokenEstimator.CHARS_DIV_4.estimate(r) + 20; // a dollar a token
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger arrived = new AtomicInteger();
    Plugin hold = new Plugin() {
      @Override
      public String name() {
        return "hold";
      }

      @Override
      public RequestDecision onRequest(Exchange exchange) {
        arrived.incrementAndGet();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return RequestDecision.proceed();
      }
    };
    Budget budget = Budget.of("acme-daily", Budget.Scope.TENANT, Long.toString(10 * worstCase), Budget.Period.DAILY);
    twoGateways(b -> b.budget(budget).plugin(hold));
    AtomicInteger refused = new AtomicInteger();
    List<Future<ChatResponse>> calls = new ArrayList<>();
    for (Gateway g : gateways) {
      for (int t = 0; t < THREADS; t++) {
        calls.add(pool.submit(() -> {
          try {
            return g.route(r, ACME);
          } catch (BudgetExceededException e) {
            refused.incrementAndGet();
            return null;
          }
        }));
      }
    }
    // bounded wait until every one of the 32 is either held with a reservation or refused
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (arrived.get() + refused.get() < 2 * THREADS && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    assertThat(arrived.get()).isEqualTo(10);
    assertThat(refused.get()).isEqualTo(22);
    release.countDown();
    BigDecimal spent = BigDecimal.ZERO;
    for (Future<ChatResponse> f : calls) {
      ChatResponse resp = f.get(30, TimeUnit.SECONDS);
      if (resp != null) {
        spent = spent.add(BigDecimal.valueOf(resp.usage().totalTokens()));
      }
    }
    BudgetStatus status = gateways.get(1).usage().budgets("acme", null).get(0);
    assertThat(status.spent()).isEqualByComparingTo(spent);
    assertThat(status.reserved()).isEqualByComparingTo("0");
    assertThat(status.spent()).isLessThanOrEqualTo(budget.amount());
  }

  @Test
  void aKeyRevokedOnOneInstanceIsRefusedOnTheOtherWithinTheBound() {
    twoGateways(b -> { });
    IssuedKey k = gateways.get(0).virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    RequestOptions with = RequestOptions.builder().credential(k.secret()).build();
    assertThat(gateways.get(1).route(ask("hi", 4), with).text()).isEqualTo("hi");
    assertThat(gateways.get(0).virtualKeys().revoke(k.key().id())).isTrue();
    assertThatThrownBy(() -> gateways.get(0).route(ask("hi", 4), with)).isInstanceOf(AuthenticationException.class);
    // instance 1 still holds its lookup for up to the bound (2 s) ...
    assertThat(gateways.get(1).route(ask("hi", 4), with).text()).isEqualTo("hi");
    // ... and refuses once it has passed
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThatThrownBy(() -> gateways.get(1).route(ask("hi", 4), with)).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void aCacheEntryStoredByOneInstanceIsServedByTheOtherButNeverToAnotherTenant() {
    List<RedisStores> caches = stores;
    twoGateways(b -> { });
    gateways.forEach(Gateway::close);
    gateways.clear();
    for (int i = 0; i < 2; i++) {
      ResponseCache cache = ResponseCache.builder().store(caches.get(i).cacheStore()).ttl(Duration.ofMinutes(5)).build();
      gateways.add(Gateway.builder().provider(mocks.get(i)).route("demo", Strategy.single(Target.of("mock")))
          .plugin(cache).build());
    }
    ChatRequest r = ChatRequest.builder().model("demo").addMessage(Message.user("cache me")).temperature(0.0).build();
    ChatResponse first = gateways.get(0).route(r, ACME);
    assertThat(first.metadata().cache().status()).isEqualTo(CacheStatus.MISS);
    ChatResponse shared = gateways.get(1).route(r, ACME);
    assertThat(shared.metadata().cache().status()).isEqualTo(CacheStatus.HIT);
    assertThat(shared.text()).isEqualTo("cache me");
    assertThat(mocks.get(1).calls()).isZero();
    RequestOptions other = RequestOptions.builder().principal(Principal.of("bob", "globex")).build();
    assertThat(gateways.get(1).route(r, other).metadata().cache().status()).isEqualTo(CacheStatus.MISS);
    assertThat(mocks.get(1).calls()).isEqualTo(1);
  }

  /**
   * Round trips, read from {@code INFO commandstats}: Redis counts the commands a script runs in
   * {@code total_commands_processed}, so that figure is no count of round trips; the top-level
   * commands are. Key lookups come from memory (no {@code HGETALL}), no connection is opened or
   * tested ({@code HELLO}, {@code PING}), and each request runs two scripts: the admission before
   * the provider call and the settlement after it.
   */
  @Test
  void aGovernedRequestMakesOneRoundTripBeforeTheProviderAndOneAfter() {
    twoGateways(b -> b.limit(RateLimit.requests(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1)))
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1_000_000, Duration.ofMinutes(1)))
        .budget(Budget.of("acme-daily", Budget.Scope.TENANT, "100000", Budget.Period.DAILY)).trackUsage(false));
    IssuedKey k = gateways.get(0).virtualKeys().issue(VirtualKey.builder().tenant("acme")
        .limit(RateLimit.requests(RateLimit.Scope.KEY, 1000, Duration.ofMinutes(1))).build());
    RequestOptions with = RequestOptions.builder().credential(k.secret()).build();
    gateways.get(0).route(ask("warm up", 8), with); // loads the scripts and the key into the cache
    Map<String, Long> before = topLevel();
    for (int i = 0; i < 10; i++) {
      gateways.get(0).route(ask("count", 8), with);
    }
    Map<String, Long> after = topLevel();
    assertThat(after.get("evalsha") - before.get("evalsha")).isEqualTo(20);
    assertThat(after.get("hgetall") - before.get("hgetall")).isZero();
    assertThat(after.get("hello") - before.get("hello")).isZero();
    assertThat(after.get("ping") - before.get("ping")).isZero();
  }

  @Test
  void usageIsWrittenByTheBackgroundWriterNotOnTheRequestsThread() {
    twoGateways(b -> b.limit(RateLimit.requests(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1)))
        .budget(Budget.of("acme-daily", Budget.Scope.TENANT, "100000", Budget.Period.DAILY)));
    gateways.get(0).route(ask("warm up", 8), ACME);
    stores.get(0).flushUsage(Duration.ofSeconds(10));
    Map<String, Long> before = topLevel();
    for (int i = 0; i < 10; i++) {
      gateways.get(0).route(ask("count", 8), ACME);
    }
    assertThat(stores.get(0).flushUsage(Duration.ofSeconds(10))).isTrue();
    Map<String, Long> after = topLevel();
    // two scripts per request on its thread, one more per request from the usage writer
    assertThat(after.get("evalsha") - before.get("evalsha")).isEqualTo(30);
    assertThat(gateways.get(1).usage().query(dev.aegis.api.usage.UsageQuery.of(
        dev.aegis.api.usage.Granularity.DAY, java.time.Instant.now().minus(Duration.ofDays(1)),
        java.time.Instant.now().plus(Duration.ofDays(1))).tenant("acme")).get(0).requests()).isEqualTo(11);
  }

  private static Map<String, Long> topLevel() {
    Map<String, Long> m = new java.util.HashMap<>();
    for (String c : List.of("evalsha", "hgetall", "hello", "ping")) {
      m.put(c, server.calls(c));
    }
    return m;
  }
}
