package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.BudgetExceededException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Budgets on the three doors with a fake wall clock. Prices are one dollar per token, so every
 * figure below is a token count: a reservation is prompt + max_tokens, a settled cost prompt + output.
 */
class BudgetTest {
  private static final PriceTable DOLLAR_A_TOKEN = PriceTable.of(Map.of(
      "mock/demo", PriceTable.Price.of("1000000", "1000000"),
      "mock/big", PriceTable.Price.of("1000000", "1000000"),
      "mock/small", PriceTable.Price.of("10000", "10000")));
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();

  private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Gateway gateway(MockProvider mock, Budget budget) {
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .clock(clock).prices(DOLLAR_A_TOKEN).budget(budget).build();
    return gateway;
  }

  private static ChatRequest ask(String text, int maxTokens) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).maxTokens(maxTokens).build();
  }

  private static int prompt(ChatRequest r) {
    return TokenEstimator.CHARS_DIV_4.estimate(r);
  }

  private BudgetStatus status() {
    List<BudgetStatus> all = gateway.usage().budgets("acme", null);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aReservationThatWouldExceedTheBudgetIsRefusedAndSpendIsSettledExactly(Door door) {
    MockProvider mock = MockProvider.builder("mock").reply("four").build(); // 1 output token
    gateway(mock, Budget.of("acme-daily", Budget.Scope.TENANT, "100", Budget.Period.DAILY));
    ChatRequest r = ask("hello there", 40);
    int p = prompt(r);
    ChatResponse first = door.call(gateway, r, ACME);
    assertThat(first.usage().outputTokens()).isEqualTo(1);
    BudgetStatus after = status();
    assertThat(after.spent()).isEqualByComparingTo(BigDecimal.valueOf(p + 1));
    assertThat(after.reserved()).isEqualByComparingTo("0");
    assertThat(after.periodId()).isEqualTo("2026-06-01");
    assertThat(after.periodEnd()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
    door.call(gateway, r, ACME);
    // 100 - 2 (p + 1) remain; the third reserves p + 40 more than that when 2p + 2 + p + 40 > 100
    BigDecimal left = BigDecimal.valueOf(100 - 2L * (p + 1));
    ChatRequest bigger = ask("hello there", (int) (left.longValue() - p + 1));
    assertThatThrownBy(() -> door.call(gateway, bigger, ACME))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.budget()).isEqualTo("acme-daily");
          assertThat(e.period()).isEqualTo("2026-06-01");
          assertThat(e.remaining()).isEqualByComparingTo(left);
          assertThat(e.getMessage()).isEqualTo("budget 'acme-daily' (100 USD daily) has " + left.toPlainString()
              + " USD left in the period starting 2026-06-01; this request would reserve up to "
              + (left.longValue() + 1) + " USD");
        });
    assertThat(mock.calls()).isEqualTo(2);
    ChatRequest fits = ask("hello there", (int) (left.longValue() - p));
    assertThat(door.call(gateway, fits, ACME).text()).isEqualTo("four");
  }

  @Test
  void aDailyBudgetResetsAtMidnightOfItsZoneWithNoTraffic() {
    gateway(MockProvider.builder("mock").reply("four").build(),
        Budget.of("ny", Budget.Scope.TENANT, "50", Budget.Period.DAILY).in(ZoneId.of("America/New_York")));
    ChatRequest r = ask("spend", 40); // reserves 49 of 50, spends 10
    gateway.route(r, ACME);
    assertThatThrownBy(() -> gateway.route(r, ACME)).isInstanceOf(BudgetExceededException.class);
    assertThat(status().periodId()).isEqualTo("2026-06-01");
    assertThat(status().spent()).isEqualByComparingTo(BigDecimal.valueOf(prompt(r) + 1));
    clock.set(Instant.parse("2026-06-02T03:59:59Z")); // 23:59:59 in New York (EDT, UTC-4)
    assertThat(status().periodId()).isEqualTo("2026-06-01");
    clock.set(Instant.parse("2026-06-02T04:00:00Z")); // midnight in New York
    BudgetStatus fresh = status();
    assertThat(fresh.periodId()).isEqualTo("2026-06-02");
    assertThat(fresh.spent()).isEqualByComparingTo("0");
    assertThat(fresh.remaining()).isEqualByComparingTo("50");
    assertThat(fresh.periodEnd()).isEqualTo(Instant.parse("2026-06-03T04:00:00Z"));
    assertThat(gateway.route(r, ACME).text()).isEqualTo("four");
  }

  @Test
  void periodsFollowTheCalendarAcrossDaylightSavingChanges() {
    gateway(MockProvider.builder("mock").reply("four").build(),
        Budget.of("berlin", Budget.Scope.TENANT, "50", Budget.Period.DAILY).in(ZoneId.of("Europe/Berlin")));
    // 2026-03-29: Berlin springs forward, the day is 23 hours long
    clock.set(Instant.parse("2026-03-29T12:00:00Z"));
    assertThat(status().periodId()).isEqualTo("2026-03-29");
    assertThat(status().periodEnd()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    gateway.route(ask("spend", 40), ACME);
    clock.set(Instant.parse("2026-03-29T21:59:59Z"));
    assertThatThrownBy(() -> gateway.route(ask("spend", 40), ACME)).isInstanceOf(BudgetExceededException.class);
    clock.set(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(status().periodId()).isEqualTo("2026-03-30");
    assertThat(gateway.route(ask("spend", 40), ACME).text()).isEqualTo("four");
    // 2026-10-25: Berlin falls back, the day is 25 hours long
    clock.set(Instant.parse("2026-10-25T12:00:00Z"));
    assertThat(status().periodEnd()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    assertThat(Duration.between(Instant.parse("2026-10-24T22:00:00Z"), status().periodEnd()))
        .isEqualTo(Duration.ofHours(25));
  }

  @Test
  void weeklyAndMonthlyPeriodsStartOnMondayAndTheFirst() {
    Budget weekly = Budget.of("w", Budget.Scope.TENANT, "1", Budget.Period.WEEKLY);
    Budget monthly = Budget.of("m", Budget.Scope.TENANT, "1", Budget.Period.MONTHLY).in(ZoneId.of("Asia/Tokyo"));
    Instant wed = Instant.parse("2026-06-03T10:00:00Z");
    assertThat(weekly.period().start(wed, weekly.zone()).toInstant()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(monthly.period().start(Instant.parse("2026-05-31T16:00:00Z"), monthly.zone()).toInstant())
        .isEqualTo(Instant.parse("2026-05-31T15:00:00Z")); // already June 1st in Tokyo
  }

  @Test
  void sixteenConcurrentReservationsNeverOverspend() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").reply("four").gate(gate).build();
    ChatRequest r = ask("concurrent", 20);
    int reservation = prompt(r) + 20;
    // room for exactly five reservations in flight
    gateway(mock, Budget.of("tight", Budget.Scope.TENANT, Integer.toString(5 * reservation + reservation - 1),
        Budget.Period.DAILY));
    List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(gateway.routeAsync(r, ACME));
    }
    Await.until("eleven were refused", () -> calls.stream().filter(CompletableFuture::isCompletedExceptionally)
        .count() == 11);
    Await.until("the admitted requests reached the provider", () -> mock.calls() == 5);
    for (CompletableFuture<ChatResponse> c : calls) {
      if (c.isCompletedExceptionally()) {
        assertThatThrownBy(c::join).hasCauseInstanceOf(BudgetExceededException.class);
      }
    }
    assertThat(status().reserved()).isEqualByComparingTo(BigDecimal.valueOf(5L * reservation));
    gate.countDown();
    for (CompletableFuture<ChatResponse> c : calls) {
      try {
        c.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException expected) {
        // the eleven refusals
      }
    }
    assertThat(mock.calls()).isEqualTo(5);
    assertThat(status().reserved()).isEqualByComparingTo("0");
    assertThat(status().spent()).isEqualByComparingTo(BigDecimal.valueOf(5L * (prompt(r) + 1)));
  }

  @Test
  void aCancelledStreamIsChargedForWhatWasStreamed() {
    MockProvider mock = MockProvider.builder("mock").reply("alpha beta gamma delta").chunks(4)
        .chunkDelay(Duration.ofHours(1)).build();
    gateway(mock, Budget.of("b", Budget.Scope.TENANT, "1000", Budget.Period.DAILY));
    ChatRequest r = ask("stream to me", 100);
    ChatStream stream = gateway.routeStream(r, ACME);
    Iterator<ChatChunk> it = stream.iterator();
    String first = it.next().text();
    stream.close();
    Await.until("the reservation was settled", () -> status().reserved().signum() == 0);
    BigDecimal spent = status().spent();
    assertThat(spent).isGreaterThanOrEqualTo(BigDecimal.valueOf(prompt(r) + TokenEstimator.CHARS_DIV_4.estimate(first, null)))
        .isLessThan(BigDecimal.valueOf(prompt(r) + 6));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aBudgetRunningLowMovesTheAliasToItsCheaperTarget(Door door) {
    MockProvider mock = MockProvider.builder("mock").reply("four").build();
    ChatRequest r = ask("route me", 5);
    int p = prompt(r);
    // each request reserves p + 5 at the priciest target; "low" means under 10% left after it.
    // With 2p + 7: the first leaves p + 2 (ok), spends p + 1, so the second leaves 1 (low).
    gateway = Gateway.builder().provider(mock)
        .route("demo", Strategy.conditional()
            .when(Condition.label("budget").eq("low"), Target.builder("cheap").provider("mock").model("small").build())
            .otherwise(Strategy.single(Target.builder("main").provider("mock").model("big").build()))
            .build())
        .clock(clock).prices(DOLLAR_A_TOKEN)
        .budget(Budget.of("b", Budget.Scope.TENANT, Integer.toString(2 * p + 7), Budget.Period.DAILY))
        .build();
    ChatResponse first = door.call(gateway, r, ACME);
    assertThat(first.metadata().target()).isEqualTo("main");
    ChatResponse second = door.call(gateway, r, ACME);
    assertThat(second.metadata().target()).isEqualTo("cheap");
    // p + 1 tokens at $1 on main, p + 1 at 1 cent on cheap
    assertThat(status().spent()).isEqualByComparingTo(BigDecimal.valueOf(p + 1).add(BigDecimal.valueOf(p + 1, 2)));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void theCostIsInTheResponseMetadata(Door door) {
    gateway(MockProvider.builder("mock").reply("four").build(),
        Budget.of("b", Budget.Scope.TENANT, "1000", Budget.Period.DAILY));
    ChatRequest r = ask("what does it cost", 5);
    assertThat(door.call(gateway, r, ACME).metadata().cost()).isEqualByComparingTo(BigDecimal.valueOf(prompt(r) + 1));
  }
}
