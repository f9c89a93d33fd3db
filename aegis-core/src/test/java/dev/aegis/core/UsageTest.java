package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageRecord;
import dev.aegis.core.internal.usage.InMemoryUsageStore;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Usage records per request, aggregation into minute, hour and day buckets, retention, and sinks. */
class UsageTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:30Z"));
  private final List<UsageRecord> sunk = new CopyOnWriteArrayList<>();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Gateway gateway() {
    gateway = Gateway.builder().provider(MockProvider.builder("mock").reply("four").build())
        .route("demo", Strategy.single(Target.builder("main").provider("mock").model("m1").build()))
        .clock(clock)
        .prices(PriceTable.of(Map.of("mock/m1", PriceTable.Price.of("1000000", "2000000"))))
        .usageSink(sunk::add)
        .build();
    return gateway;
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  private static RequestOptions as(String tenant) {
    return RequestOptions.builder().principal(Principal.of("u", tenant)).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void everyRequestYieldsOneRecordForTheSinksAndTheBuckets(Door door) {
    gateway();
    ChatRequest r = ask("hello usage");
    int p = TokenEstimator.CHARS_DIV_4.estimate(r);
    door.call(gateway, r, as("acme"));
    Await.until("the sink got the record", () -> sunk.size() == 1);
    UsageRecord rec = sunk.get(0);
    assertThat(rec.tenant()).isEqualTo("acme");
    assertThat(rec.alias()).isEqualTo("demo");
    assertThat(rec.target()).isEqualTo("main");
    assertThat(rec.provider()).isEqualTo("mock");
    assertThat(rec.model()).isEqualTo("m1");
    assertThat(rec.usage()).isEqualTo(Usage.of(p, 1));
    assertThat(rec.cost()).isEqualByComparingTo(BigDecimal.valueOf(p + 2));
    assertThat(rec.status()).isEqualTo(Outcome.Status.SUCCESS);
    assertThat(rec.timestamp()).isEqualTo(Instant.parse("2026-06-01T12:00:30Z"));
    List<UsageBucket> minutes = gateway.usage().query(UsageQuery.of(Granularity.MINUTE,
        Instant.parse("2026-06-01T12:00:00Z"), Instant.parse("2026-06-01T12:01:00Z")));
    assertThat(minutes).containsExactly(new UsageBucket(Instant.parse("2026-06-01T12:00:00Z"), Granularity.MINUTE,
        "acme", "-", "m1", "mock", 1, 0, p, 1, 0, 0, 0, minutes.get(0).cost(), 0));
    assertThat(minutes.get(0).cost()).isEqualByComparingTo(BigDecimal.valueOf(p + 2));
  }

  @Test
  void bucketsRollUpAndAreQueryableByRangeTenantAndModel() {
    gateway();
    ChatRequest r = ask("abcd");
    int p = TokenEstimator.CHARS_DIV_4.estimate(r);
    gateway.route(r, as("acme"));
    clock.advance(Duration.ofMinutes(1));
    gateway.route(r, as("acme"));
    gateway.route(r, as("beta"));
    clock.advance(Duration.ofHours(1));
    gateway.route(r, as("acme"));
    Instant day = Instant.parse("2026-06-01T00:00:00Z");
    Instant next = Instant.parse("2026-06-02T00:00:00Z");
    List<UsageBucket> minutes = gateway.usage().query(UsageQuery.of(Granularity.MINUTE, day, next).tenant("acme"));
    assertThat(minutes).extracting(UsageBucket::start, UsageBucket::requests).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-01T12:00:00Z"), 1L),
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-01T12:01:00Z"), 1L),
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-01T13:01:00Z"), 1L));
    List<UsageBucket> hours = gateway.usage().query(UsageQuery.of(Granularity.HOUR, day, next).tenant("acme"));
    assertThat(hours).extracting(UsageBucket::start, UsageBucket::requests, UsageBucket::inputTokens).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-01T12:00:00Z"), 2L, 2L * p),
        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-06-01T13:00:00Z"), 1L, (long) p));
    List<UsageBucket> days = gateway.usage().query(UsageQuery.of(Granularity.DAY, day, next).model("m1"));
    assertThat(days).extracting(UsageBucket::tenant, UsageBucket::requests, UsageBucket::outputTokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", 3L, 3L),
            org.assertj.core.groups.Tuple.tuple("beta", 1L, 1L));
    assertThat(days.get(0).cost()).isEqualByComparingTo(BigDecimal.valueOf(3L * (p + 2)));
    // a range that starts after the first minute leaves it out
    assertThat(gateway.usage().query(UsageQuery.of(Granularity.MINUTE, Instant.parse("2026-06-01T12:01:00Z"),
        Instant.parse("2026-06-01T12:02:00Z")))).hasSize(2);
  }

  @Test
  void retentionIsBoundedPerGranularity() {
    InMemoryUsageStore store = new InMemoryUsageStore(Map.of(Granularity.MINUTE, Duration.ofMinutes(10),
        Granularity.HOUR, Duration.ofHours(3), Granularity.DAY, Duration.ofDays(2)));
    Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
    for (int i = 0; i < 24 * 60; i += 5) { // a record every five minutes for a day
      store.add(new UsageRecord("r" + i, t0.plus(Duration.ofMinutes(i)), "acme", null, null, "demo", "main",
          "mock", "m1", Usage.of(1, 1), null, Duration.ZERO, Outcome.Status.SUCCESS, null));
    }
    Instant end = t0.plus(Duration.ofDays(2));
    // the minute buckets of the last 10 minutes of the day (3) and the hours of the last 3 hours (4) remain
    assertThat(store.query(UsageQuery.of(Granularity.MINUTE, t0, end))).extracting(UsageBucket::start)
        .containsExactly(Instant.parse("2026-06-01T23:45:00Z"), Instant.parse("2026-06-01T23:50:00Z"),
            Instant.parse("2026-06-01T23:55:00Z"));
    assertThat(store.query(UsageQuery.of(Granularity.HOUR, t0, end))).extracting(UsageBucket::start)
        .containsExactly(Instant.parse("2026-06-01T20:00:00Z"), Instant.parse("2026-06-01T21:00:00Z"),
            Instant.parse("2026-06-01T22:00:00Z"), Instant.parse("2026-06-01T23:00:00Z"));
    List<UsageBucket> days = store.query(UsageQuery.of(Granularity.DAY, t0, end));
    assertThat(days).singleElement().satisfies(d -> {
      assertThat(d.requests()).isEqualTo(288);
      assertThat(d.unpriced()).isEqualTo(288);
      assertThat(d.cost()).isEqualByComparingTo("0");
    });
  }
}
