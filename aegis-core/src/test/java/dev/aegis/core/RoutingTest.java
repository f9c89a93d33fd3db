package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Attempt;
import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.plugin.Classification;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each strategy's selection and fallback rules, on all three doors. */
class RoutingTest {
  private final FakeTime time = new FakeTime();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static MockProvider mock(String name) {
    return MockProvider.builder(name).reply("from " + name).chunks(2).build();
  }

  private static MockProvider failing(String name, int... statuses) {
    return MockProvider.builder(name).reply("from " + name).chunks(2).failures(FailurePlan.sequence(statuses)).build();
  }

  private Gateway.Builder builder(Provider... providers) {
    Gateway.Builder b = Gateway.builder().ticker(time).sleeper(time);
    for (Provider p : providers) {
      b.provider(p);
    }
    return b;
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
  }

  // ------------------------------------------------------------------ fallback

  static Object[][] fallbackStatuses() {
    Object[][] cases = new Object[Door.values().length * 8][];
    int i = 0;
    for (Door d : Door.values()) {
      for (int s : new int[] {500, 502, 503, 504, 529, 429, 408, FailurePlan.CONNECTION_RESET}) {
        cases[i++] = new Object[] {d, s};
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fallbackStatuses")
  void fallbackMovesOnAfterRetryableFailures(Door door, int status) {
    MockProvider a = failing("a", status);
    MockProvider b = mock("b");
    gateway = builder(a, b).route("r", Strategy.fallback(Target.of("a"), Target.of("b"))).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.text()).isEqualTo("from b");
    assertThat(r.metadata().target()).isEqualTo("b");
    assertThat(r.metadata().attempts()).extracting(Attempt::target, Attempt::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Attempt.Outcome.FAILURE),
            org.assertj.core.groups.Tuple.tuple("b", Attempt.Outcome.SUCCESS));
    assertThat(r.metadata().attempts().get(0).status()).isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void fallbackOnAnAttemptTimeout(Door door) {
    MockProvider slow = MockProvider.builder("slow").latency(Duration.ofSeconds(30)).build();
    // real time here: the mock really waits, so the gateway's clock must move with it
    gateway = Gateway.builder().provider(slow).provider(mock("b")).route("r", Strategy.fallback(
        Target.builder("slow").provider("slow").attemptTimeout(Duration.ofMillis(50)).build(), Target.of("b"))).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.text()).isEqualTo("from b");
    // the provider may notice its attempt deadline before the gateway's timer does: either way a timeout
    assertThat(r.metadata().attempts().get(0).error()).contains("timeout");
    assertThat(r.metadata().attempts().get(0).status()).isZero();
    assertThat(slow.completed()).isZero();
  }

  static Object[][] clientErrors() {
    Object[][] cases = new Object[Door.values().length * 3][];
    int i = 0;
    for (Door d : Door.values()) {
      for (int s : new int[] {400, 401, 404}) {
        cases[i++] = new Object[] {d, s};
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clientErrors")
  void noFallbackOnClientErrors(Door door, int status) {
    MockProvider a = failing("a", status);
    MockProvider b = mock("b");
    gateway = builder(a, b).route("r", Strategy.fallback(Target.of("a"), Target.of("b"))).build();
    assertThatThrownBy(() -> door.call(gateway, ask("r")))
        .isInstanceOfAny(ProviderInvalidRequestException.class, ProviderAuthenticationException.class)
        .satisfies(e -> assertThat(((GatewayException) e).attempts()).hasSize(1));
    assertThat(b.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void contextLengthFallbackIsOptIn(Door door) {
    FailurePlan tooLong = FailurePlan.sequence(400, 400).withCode("context_length_exceeded");
    MockProvider small = MockProvider.builder("small").failures(tooLong).build();
    MockProvider large = mock("large");
    gateway = builder(small, large)
        .route("strict", Strategy.fallback(Target.of("small"), Target.of("large")))
        .route("lenient", Strategy.fallback(Target.of("small"), Target.of("large"))
            .fallbackOn(FallbackTrigger.CONTEXT_LENGTH_EXCEEDED))
        .build();
    assertThatThrownBy(() -> door.call(gateway, ask("strict"))).isInstanceOf(ProviderInvalidRequestException.class);
    assertThat(door.call(gateway, ask("lenient")).text()).isEqualTo("from large");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void allFailedThrowsTheLastErrorWithTheHistory(Door door) {
    gateway = builder(failing("a", 503), failing("b", 502))
        .route("r", Strategy.fallback(Target.of("a"), Target.of("b"))).build();
    assertThatThrownBy(() -> door.call(gateway, ask("r")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.getMessage()).contains("'b'").contains("502");
          assertThat(e.attempts()).extracting(Attempt::target).containsExactly("a", "b");
        });
  }

  // ------------------------------------------------------------------ retries

  @ParameterizedTest
  @EnumSource(Door.class)
  void retriesWithBackoffThenSucceeds(Door door) {
    MockProvider a = failing("a", 503, 503);
    gateway = builder(a).route("r", Strategy.single(Target.builder("a").provider("a")
        .retry(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(100)).build()).build())).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.text()).isEqualTo("from a");
    assertThat(r.metadata().attempts()).hasSize(3);
    assertThat(time.sleeps).hasSize(2);
    // full jitter: each wait lies in [0, ceiling], the ceiling doubling
    assertThat(time.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(time.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void retryAfterIsHonouredUpToItsCap(Door door) {
    MockProvider a = MockProvider.builder("a").failures(FailurePlan.sequence(429).withRetryAfter(Duration.ofSeconds(3)))
        .build();
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(2).maxRetryAfter(Duration.ofSeconds(5)).build();
    gateway = builder(a, mock("b")).route("r", Strategy.fallback(
        Target.builder("a").provider("a").retry(retry).build(), Target.of("b"))).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.metadata().target()).isEqualTo("a");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aRetryAfterBeyondTheCapAbandonsTheTarget(Door door) {
    MockProvider a = MockProvider.builder("a").failures(FailurePlan.sequence(429).withRetryAfter(Duration.ofMinutes(5)))
        .build();
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).maxRetryAfter(Duration.ofSeconds(30)).build();
    gateway = builder(a, mock("b")).route("r", Strategy.fallback(
        Target.builder("a").provider("a").retry(retry).build(), Target.of("b"))).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.metadata().target()).isEqualTo("b");
    assertThat(time.sleeps).isEmpty();
    assertThat(a.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void retriesNeverOutliveTheDeadline(Door door) {
    MockProvider a = failing("a", 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(10).initialDelay(Duration.ofSeconds(4))
        .maxDelay(Duration.ofSeconds(4)).multiplier(1).build();
    gateway = builder(a).route("r", Strategy.single(Target.builder("a").provider("a").retry(retry)
        .circuitBreaker(CircuitBreakerPolicy.DISABLED).build())).build();
    RequestOptions deadline = RequestOptions.builder().timeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(() -> door.call(gateway, ask("r"), deadline)).isInstanceOf(GatewayException.class);
    // waits of up to 4 s each: whatever the jitter drew, their sum stays within the 10 s deadline
    long waited = time.sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).isLessThan(10_000);
    assertThat(a.calls()).isEqualTo(time.sleeps.size() + 1).isLessThan(10);
  }

  // ------------------------------------------------------------------ weighted

  @ParameterizedTest
  @EnumSource(Door.class)
  void weightedDistributionFollowsTheWeightsAndZeroNeverServes(Door door) {
    MockProvider a = mock("a");
    MockProvider b = mock("b");
    MockProvider c = mock("c");
    MockProvider zero = mock("zero");
    gateway = builder(a, b, c, zero).route("r", Strategy.weighted()
        .add(Target.of("a"), 50).add(Target.of("b"), 30).add(Target.of("c"), 20).add(Target.of("zero"), 0).build())
        .build();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      door.call(gateway, ask("r"));
    }
    assertThat(a.calls() * 100.0 / n).isBetween(48.0, 52.0);
    assertThat(b.calls() * 100.0 / n).isBetween(28.0, 32.0);
    assertThat(c.calls() * 100.0 / n).isBetween(18.0, 22.0);
    assertThat(zero.calls()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void weightedFallsBackToTheRemainingMembers(Door door) {
    gateway = builder(failing("a", 500), mock("b")).route("r", Strategy.weighted()
        .add(Target.of("a"), 1000).add(Target.of("b"), 1).build()).build();
    assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from b");
  }

  // ------------------------------------------------------------------ conditional

  @ParameterizedTest
  @EnumSource(Door.class)
  void conditionalRulesMatchInOrder(Door door) {
    Plugin labeller = new Plugin() {
      @Override
      public RequestDecision onRequest(Exchange exchange) {
        if (exchange.request().messages().get(0).text().contains("secret")) {
          exchange.labels().set(Classification.LABEL, Classification.RESTRICTED);
        }
        return RequestDecision.proceed();
      }
    };
    Strategy rules = Strategy.conditional()
        .when(Condition.label("classification").eq("RESTRICTED"), Target.of("local"))
        .when(Condition.metadata("region").eq("eu").and(Condition.tenant().ne("free")), Target.of("eu"))
        .when(Condition.model().glob("gpt-4*"), Target.of("openai"))
        .when(Condition.model().prefix("claude"), Target.of("anthropic"))
        .build();
    gateway = builder(mock("local"), mock("eu"), mock("openai"), mock("anthropic")).plugin(labeller)
        .route("gpt-4o", rules).route("gpt-4o-mini", rules).route("claude-x", rules).route("other", rules).build();
    RequestOptions eu = RequestOptions.builder().metadata("region", "eu").principal(Principal.of("u", "acme")).build();
    assertThat(door.call(gateway, ask("gpt-4o-mini")).text()).isEqualTo("from openai");
    assertThat(door.call(gateway, ask("claude-x")).text()).isEqualTo("from anthropic");
    assertThat(door.call(gateway, ask("gpt-4o"), eu).text()).isEqualTo("from eu");
    ChatRequest secret = ChatRequest.builder().model("gpt-4o").addMessage(Message.user("a secret")).build();
    assertThat(door.call(gateway, secret, eu).text()).isEqualTo("from local");
    // a client cannot set a label through metadata
    RequestOptions forged = RequestOptions.builder().metadata("classification", "RESTRICTED").build();
    assertThat(door.call(gateway, ask("gpt-4o"), forged).text()).isEqualTo("from openai");
    assertThatThrownBy(() -> door.call(gateway, ask("other")))
        .isInstanceOf(NoRouteException.class).hasMessageContaining("'other'");
  }

  // ------------------------------------------------------------------ least latency, cost

  @ParameterizedTest
  @EnumSource(Door.class)
  void leastLatencyPrefersTheFastestMeasuredTarget(Door door) {
    MockProvider fast = mock("fast");
    // the slow target takes 30 ms of fake time, so the measurement cannot depend on real time
    MockProvider slow = MockProvider.builder("slow").reply("from slow")
        .onCall(req -> time.advance(Duration.ofMillis(30))).build();
    gateway = Gateway.builder().ticker(time).provider(fast).provider(slow)
        .route("r", Strategy.leastLatency(Strategy.single(Target.of("slow")), Strategy.single(Target.of("fast")))
            .exploration(0)).build();
    // both are measured first (unmeasured targets go first), then the faster wins
    door.call(gateway, ask("r"));
    door.call(gateway, ask("r"));
    for (int i = 0; i < 10; i++) {
      assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from fast");
    }
    assertThat(slow.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void costPicksTheCheapestThenTheNextOnFailure(Door door) {
    PriceTable prices = PriceTable.of(Map.of(
        "pricey", PriceTable.Price.of("5", "15"),
        "cheap", PriceTable.Price.of("0.1", "0.4"),
        "mid", PriceTable.Price.of("1", "2")));
    MockProvider p = mock("p");
    gateway = builder(p).prices(prices).route("r", Strategy.cost(
        Strategy.single(Target.of("p", "pricey")), Strategy.single(Target.of("p", "cheap")),
        Strategy.single(Target.of("p", "mid")))).build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.metadata().target()).isEqualTo("p/cheap");
    assertThat(r.model()).isEqualTo("cheap");
  }

  // ------------------------------------------------------------------ eligibility

  @ParameterizedTest
  @EnumSource(Door.class)
  void eligibilityIsAppliedAtEveryLevelAndNoRouteSaysWhy(Door door) {
    Plugin localOnly = new Plugin() {
      @Override
      public Eligibility eligible(Exchange exchange, TargetInfo target) {
        return target.local() ? Eligibility.keep() : Eligibility.drop("not local");
      }
    };
    MockProvider cloud = mock("cloud");
    MockProvider onPrem = mock("onprem");
    gateway = Gateway.builder().provider(cloud).provider(onPrem, true).plugin(localOnly)
        .route("r", Strategy.fallback(
            Strategy.weighted().add(Target.of("cloud"), 10).build(),
            Strategy.single(Target.of("onprem"))))
        .route("cloud-only", Strategy.single(Target.of("cloud")))
        .build();
    assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from onprem");
    assertThatThrownBy(() -> door.call(gateway, ask("cloud-only")))
        .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.rejections()).singleElement()
            .satisfies(rej -> {
              assertThat(rej.target()).isEqualTo("cloud");
              assertThat(rej.reason()).contains("not local");
            }));
    assertThat(cloud.calls()).isZero();
  }
}
