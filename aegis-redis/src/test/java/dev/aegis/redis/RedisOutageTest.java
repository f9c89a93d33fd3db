package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis killed in the middle of a run and started again on the same port: fail-closed stores
 * refuse with the typed error, fail-open stores admit and count, and both gateways recover on
 * their own once Redis answers again.
 */
class RedisOutageTest {
  private static final PriceTable DOLLAR_A_TOKEN = PriceTable.of(Map.of(
      "mock/demo", PriceTable.Price.of("1000000", "1000000")));
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();

  private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
  private final Ticker ticker = nanos::get;
  private RedisServer server;
  private RedisStores closed;
  private RedisStores open;
  private Gateway budgeted;
  private Gateway limited;

  @AfterEach
  void stop() throws InterruptedException {
    for (AutoCloseable c : new AutoCloseable[] {budgeted, limited, closed, open}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing after the test
      }
    }
    if (server != null) {
      server.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).maxTokens(8).build();
  }

  @Test
  void failClosedRefusesTypedFailOpenAdmitsAndCountsAndBothRecover() throws Exception {
    server = RedisServer.start();
    closed = RedisStores.builder().uri(server.uri()).ticker(ticker, true).timeout(Duration.ofMillis(300)).build();
    open = RedisStores.builder().uri(server.uri()).ticker(ticker, true).timeout(Duration.ofMillis(300))
        .limits(FailureMode.FAIL_OPEN).build();
    budgeted = Gateway.builder().provider(MockProvider.builder("mock").echo().build())
        .route("demo", Strategy.single(Target.of("mock"))).prices(DOLLAR_A_TOKEN).trackUsage(false)
        .budget(Budget.of("daily", Budget.Scope.TENANT, "1000", Budget.Period.DAILY))
        .virtualKeys(closed.keyStore()).limiterStore(closed.limiterStore()).budgetStore(closed.budgetStore())
        .store(closed).build();
    MockProvider limitedMock = MockProvider.builder("mock").echo().build();
    limited = Gateway.builder().provider(limitedMock).route("demo", Strategy.single(Target.of("mock")))
        .trackUsage(false).limit(RateLimit.requests(RateLimit.Scope.TENANT, 100, Duration.ofMinutes(1)))
        .limiterStore(open.limiterStore()).build();
    IssuedKey key = budgeted.virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    RequestOptions withKey = RequestOptions.builder().credential(key.secret()).build();
    for (int i = 0; i < 3; i++) {
      assertThat(budgeted.route(ask("before"), withKey).text()).isEqualTo("before");
      assertThat(limited.route(ask("before"), ACME).text()).isEqualTo("before");
    }
    assertThat(closed.check().reachable()).isTrue();
    assertThat(budgeted.health().ready()).isTrue();
    assertThat(budgeted.health().stores()).containsExactly(StoreHealth.up("redis"));

    server.kill();
    nanos.addAndGet(Duration.ofSeconds(3).toNanos()); // past the key cache's 2 s: the next lookup goes to Redis
    assertThatThrownBy(() -> budgeted.route(ask("during"), withKey)).isInstanceOfSatisfying(
        StoreUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
          assertThat(e.store()).isEqualTo("key");
          assertThat(e.getMessage()).isEqualTo("the key store (Redis) is unavailable, so the request was refused"
              + " before any provider was called; it is retried on the next request");
        });
    assertThatThrownBy(() -> budgeted.route(ask("during"), ACME)).isInstanceOfSatisfying(
        StoreUnavailableException.class, e -> assertThat(e.store()).isEqualTo("budget"));
    for (int i = 0; i < 4; i++) {
      assertThat(limited.route(ask("during"), ACME).text()).isEqualTo("during");
    }
    // each admitted request failed twice: its admission and its settlement
    assertThat(open.failures().get("rate-limit")).isEqualTo(8);
    assertThat(closed.failures().get("key")).isEqualTo(1);
    assertThat(closed.failures().get("budget")).isEqualTo(1);
    assertThat(closed.check().reachable()).isFalse();
    // readiness follows the store: a probe takes this instance out of rotation while Redis is down
    assertThat(budgeted.health().stores()).containsExactly(StoreHealth.down("redis", "Redis did not answer PING"));
    assertThat(budgeted.health().ready()).isFalse();
    assertThat(open.cacheStore().get(new CacheKey("acme", "c".repeat(64)))).isNull(); // the cache fails open
    assertThat(open.failures().get("cache")).isEqualTo(1);
    assertThat(limitedMock.calls()).isEqualTo(7);

    server.restart(); // empty: no persistence, so the scripts and the key are gone
    assertThat(limited.route(ask("after"), ACME).text()).isEqualTo("after");
    assertThat(budgeted.route(ask("after"), ACME).text()).isEqualTo("after");
    // the key store answers again: the key did not survive the restart, so it is now unknown
    assertThatThrownBy(() -> budgeted.route(ask("after"), withKey)).isInstanceOf(AuthenticationException.class);
    IssuedKey again = budgeted.virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    assertThat(budgeted.route(ask("after"), RequestOptions.builder().credential(again.secret()).build()).text())
        .isEqualTo("after");
    assertThat(open.failures().get("rate-limit")).isEqualTo(8);
    assertThat(closed.failures().get("budget")).isEqualTo(1);
    assertThat(closed.check().reachable()).isTrue();
    assertThat(budgeted.health().ready()).isTrue();
  }
}
