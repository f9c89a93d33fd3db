package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cache hit calls no provider, so governance charges it nothing, on every door: the limiter's
 * token estimate is released (settled to zero), the budget reservation is released with nothing
 * spent, the usage record has no tokens and a cost of zero, and the caller's metadata says so.
 * The cache is placed by the builder, after limits, budgets and usage. Prices are one dollar per
 * token, so every money figure below is a token count.
 */
class CacheHitGovernanceTest {
  private static final PriceTable DOLLAR_A_TOKEN = PriceTable.of(Map.of(
      "mock/demo", PriceTable.Price.of("1000000", "1000000")));
  private static final RequestOptions ALICE = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();

  private final FakeTime time = new FakeTime();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));
  private final MockProvider mock = MockProvider.builder("mock").reply("four").build(); // 1 output token
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aHitReleasesTheTokenEstimateAndTheBudgetReservationAndCostsNothing(Door door) {
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .ticker(time).clock(clock).prices(DOLLAR_A_TOKEN).tokenEstimator(TokenEstimator.CHARS_DIV_4)
        .cache(ResponseCache.builder().store(InMemoryCacheStore.builder().ticker(time).build()).clock(clock).build())
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1)))
        .budget(Budget.of("acme-daily", Budget.Scope.TENANT, "100", Budget.Period.DAILY))
        .build();
    ChatRequest r = ChatRequest.builder().model("demo").addMessage(Message.user("cache me")).maxTokens(40)
        .temperature(0.0).build();
    int prompt = TokenEstimator.CHARS_DIV_4.estimate(r);

    ChatResponse miss = door.call(gateway, r, ALICE);
    assertThat(miss.metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(miss.metadata().cost()).isEqualByComparingTo(BigDecimal.valueOf(prompt + 1));
    assertThat(budget().spent()).isEqualByComparingTo(BigDecimal.valueOf(prompt + 1));

    ChatResponse hit = door.call(gateway, r, ALICE);
    assertThat(hit.metadata().cache()).isEqualTo(CacheResult.hit(Duration.ZERO));
    assertThat(hit.text()).isEqualTo("four");
    assertThat(hit.metadata().cost()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(mock.calls()).isEqualTo(1);
    // the reservation of prompt + 40 taken before the lookup was released, nothing spent
    BudgetStatus afterHit = budget();
    assertThat(afterHit.spent()).isEqualByComparingTo(BigDecimal.valueOf(prompt + 1));
    assertThat(afterHit.reserved()).isEqualByComparingTo(BigDecimal.ZERO);

    ChatRequest after = ChatRequest.builder().model("demo").addMessage(Message.user("after")).maxTokens(40).build();
    ChatResponse next = door.call(gateway, after, ALICE);
    // the limiter holds only the miss (reconciled to prompt + 1) and this request's estimate
    assertThat(LimitStatus.of(next.metadata().attributes()).remainingTokens())
        .isEqualTo(1000 - (prompt + 1) - (TokenEstimator.CHARS_DIV_4.estimate(after) + 40));

    Await.until("three usage records", () -> usage().stream().mapToLong(UsageBucket::requests).sum() == 3);
    List<UsageBucket> buckets = usage();
    assertThat(buckets).hasSize(2);
    UsageBucket cached = buckets.get(0);
    assertThat(cached.model()).isEqualTo("-");
    assertThat(cached.requests()).isEqualTo(1);
    assertThat(cached.inputTokens()).isEqualTo(0);
    assertThat(cached.outputTokens()).isEqualTo(0);
    assertThat(cached.cost()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(cached.unpriced()).isEqualTo(0);
    UsageBucket served = buckets.get(1);
    assertThat(served.requests()).isEqualTo(2);
    assertThat(served.inputTokens()).isEqualTo(prompt + TokenEstimator.CHARS_DIV_4.estimate(after));
    assertThat(served.outputTokens()).isEqualTo(2);
  }

  private BudgetStatus budget() {
    List<BudgetStatus> all = gateway.usage().budgets("acme", null);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private List<UsageBucket> usage() {
    return gateway.usage().query(UsageQuery.of(Granularity.MINUTE, Instant.parse("2026-06-01T00:00:00Z"),
        Instant.parse("2026-06-02T00:00:00Z")));
  }
}
