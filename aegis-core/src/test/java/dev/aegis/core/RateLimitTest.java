package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rate limits on the three doors with a fake ticker: exactness, all-or-nothing, token reconciliation. */
class RateLimitTest {
  private final FakeTime time = new FakeTime();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-06-01T12:00:00Z"));
  private Gateway gateway;

  private Gateway.Builder builder(MockProvider mock) {
    return Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .ticker(time).clock(clock);
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).maxTokens(100).build();
  }

  private static RequestOptions as(String user, String tenant) {
    return RequestOptions.builder().principal(new Principal(user, tenant, user, null, java.util.Map.of())).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void nRequestsAreAdmittedTheNextIsRefusedWithAnExactRetryAfter(Door door) {
    gateway = builder(MockProvider.builder("mock").echo().build())
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 3, Duration.ofMinutes(1))).build();
    ChatResponse first = door.call(gateway, ask("1"), as("alice", "acme"));
    assertThat(LimitStatus.of(first.metadata().attributes()))
        .isEqualTo(new LimitStatus(3, 2, Duration.ofSeconds(20), -1, -1, Duration.ZERO));
    door.call(gateway, ask("2"), as("alice", "acme"));
    ChatResponse third = door.call(gateway, ask("3"), as("bob", "acme"));
    assertThat(LimitStatus.of(third.metadata().attributes()))
        .isEqualTo(new LimitStatus(3, 0, Duration.ofMinutes(1), -1, -1, Duration.ZERO));
    assertThatThrownBy(() -> door.call(gateway, ask("4"), as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.limit()).isEqualTo("tenant.requests");
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
          assertThat(e.getMessage())
              .isEqualTo("rate limit 'tenant.requests' (3 requests per minute) reached; admitted again in 20000 ms");
        });
    // another tenant has its own allowance
    assertThat(door.call(gateway, ask("x"), as("carol", "beta")).text()).isEqualTo("x");
    time.advance(Duration.ofSeconds(20).minusNanos(1));
    assertThatThrownBy(() -> door.call(gateway, ask("5"), as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofNanos(1)));
    time.advance(Duration.ofNanos(1));
    assertThat(door.call(gateway, ask("6"), as("alice", "acme")).text()).isEqualTo("6");
    assertThatThrownBy(() -> door.call(gateway, ask("7"), as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aRefusedRequestConsumesNothingFromAnyScope(Door door) {
    gateway = builder(MockProvider.builder("mock").echo().build())
        .limit(RateLimit.requests(RateLimit.Scope.USER, 2, Duration.ofMinutes(1)))
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 3, Duration.ofMinutes(1)))
        .build();
    door.call(gateway, ask("a1"), as("alice", "acme"));
    door.call(gateway, ask("a2"), as("alice", "acme"));
    assertThatThrownBy(() -> door.call(gateway, ask("a3"), as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.limit()).isEqualTo("user.requests"));
    // had alice's refused request taken a tenant slot, bob's first request would be refused
    assertThat(door.call(gateway, ask("b1"), as("bob", "acme")).text()).isEqualTo("b1");
    assertThatThrownBy(() -> door.call(gateway, ask("b2"), as("bob", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.limit()).isEqualTo("tenant.requests");
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        });
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aKeysOwnLimitAppliesToThatKeyOnly(Door door) {
    gateway = builder(MockProvider.builder("mock").echo().build()).virtualKeys().build();
    IssuedKey slow = gateway.virtualKeys().issue(VirtualKey.builder().tenant("acme")
        .limit(RateLimit.requests(RateLimit.Scope.KEY, 1, Duration.ofSeconds(10))).build());
    IssuedKey free = gateway.virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
    RequestOptions s = RequestOptions.builder().credential(slow.secret()).build();
    RequestOptions f = RequestOptions.builder().credential(free.secret()).build();
    door.call(gateway, ask("1"), s);
    assertThatThrownBy(() -> door.call(gateway, ask("2"), s))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.limit()).isEqualTo("key.requests");
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        });
    assertThat(door.call(gateway, ask("3"), f).text()).isEqualTo("3");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void tokensAreEstimatedBeforeAndReconciledWithTheActualUsageAfter(Door door) {
    gateway = builder(MockProvider.builder("mock").reply("twelve chars").build())
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 600, Duration.ofMinutes(1))).build();
    ChatRequest r = ask("count me please");
    int prompt = TokenEstimator.CHARS_DIV_4.estimate(r); // the mock's tokenizer, and ours for non-OpenAI models
    ChatResponse first = door.call(gateway, r, as("alice", "acme"));
    assertThat(first.usage().inputTokens()).isEqualTo(prompt);
    assertThat(first.usage().outputTokens()).isEqualTo(3);
    // admitted with prompt + max_tokens (100), so 600 - (prompt + 100) remained then
    assertThat(LimitStatus.of(first.metadata().attributes()).remainingTokens()).isEqualTo(600 - prompt - 100);
    ChatResponse second = door.call(gateway, r, as("alice", "acme"));
    // the first was reconciled to what it used (prompt + 3); the second is admitted with its estimate
    assertThat(LimitStatus.of(second.metadata().attributes()).remainingTokens())
        .isEqualTo(600 - (prompt + 3) - (prompt + 100));
    ChatResponse third = door.call(gateway, r, as("alice", "acme"));
    assertThat(LimitStatus.of(third.metadata().attributes()).remainingTokens())
        .isEqualTo(600 - 2 * (prompt + 3) - (prompt + 100));
  }

  @Test
  void aRequestLargerThanTheTokenAllowanceIsRefusedWithoutConsuming() {
    gateway = builder(MockProvider.builder("mock").echo().build())
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 50, Duration.ofMinutes(1))).build();
    ChatRequest big = ChatRequest.builder().model("demo").addMessage(Message.user("x")).maxTokens(60).build();
    int estimate = TokenEstimator.CHARS_DIV_4.estimate(big) + 60;
    assertThatThrownBy(() -> gateway.route(big, as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.getMessage()).isEqualTo(
            "rate limit 'tenant.tokens' (50 tokens per minute) reached by a request estimated at " + estimate
                + " tokens; admitted again in " + Duration.ofMinutes(1).multipliedBy(estimate - 50).dividedBy(50)
                .toMillis() + " ms"));
    ChatRequest small = ChatRequest.builder().model("demo").addMessage(Message.user("x")).maxTokens(10).build();
    ChatResponse ok = gateway.route(small, as("alice", "acme"));
    assertThat(LimitStatus.of(ok.metadata().attributes()).remainingTokens())
        .isEqualTo(50 - TokenEstimator.CHARS_DIV_4.estimate(small) - 10);
  }

  @Test
  void aCancelledStreamIsChargedForWhatWasStreamed() {
    // one chunk, then a pause the stream never gets past: the test closes it first
    MockProvider mock = MockProvider.builder("mock").reply("alpha beta gamma delta").chunks(4)
        .chunkDelay(Duration.ofHours(1)).build();
    gateway = builder(mock).limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1))).build();
    ChatRequest r = ask("stream to me");
    int prompt = TokenEstimator.CHARS_DIV_4.estimate(r);
    ChatStream stream = gateway.routeStream(r, as("alice", "acme"));
    Iterator<ChatChunk> it = stream.iterator();
    String firstText = it.next().text();
    stream.close();
    Await.until("the stream ended", () -> mock.cancellations() == 1);
    Await.until("the usage was recorded", () -> !usage().isEmpty());
    UsageBucket b = usage().get(0);
    assertThat(b.requests()).isEqualTo(1);
    assertThat(b.failures()).isEqualTo(1);
    assertThat(b.inputTokens()).isEqualTo(prompt);
    long streamed = b.outputTokens();
    assertThat(streamed).isGreaterThanOrEqualTo(TokenEstimator.CHARS_DIV_4.estimate(firstText, null))
        .isLessThan(TokenEstimator.CHARS_DIV_4.estimate("alpha beta gamma delta", null));
    ChatResponse next = gateway.route(ask("again"), as("alice", "acme"));
    assertThat(LimitStatus.of(next.metadata().attributes()).remainingTokens())
        .isEqualTo(1000 - (prompt + streamed) - (TokenEstimator.CHARS_DIV_4.estimate(ask("again")) + 100));
  }

  @Test
  void aStreamIsReconciledWithItsFinalUsage() {
    gateway = builder(MockProvider.builder("mock").reply("one two three four").chunks(3).build())
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1))).build();
    ChatRequest r = ask("stream");
    ChatResponse streamed = gateway.routeStream(r, as("alice", "acme")).collect();
    assertThat(streamed.usage().outputTokens()).isEqualTo(5);
    ChatResponse next = gateway.route(r, as("alice", "acme"));
    int prompt = TokenEstimator.CHARS_DIV_4.estimate(r);
    assertThat(LimitStatus.of(next.metadata().attributes()).remainingTokens())
        .isEqualTo(1000 - (prompt + 5) - (prompt + 100));
  }

  @Test
  void streamStartCarriesTheRemainingLimitsBeforeTheFirstByte() throws Exception {
    gateway = builder(MockProvider.builder("mock").echo().chunks(2).build())
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 10, Duration.ofMinutes(1)))
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1000, Duration.ofMinutes(1))).build();
    ChatRequest r = ask("headers");
    ChatStream stream = gateway.routeStream(r, as("alice", "acme"));
    Iterator<ChatChunk> it = stream.iterator();
    it.next();
    int estimate = TokenEstimator.CHARS_DIV_4.estimate(r) + 100;
    assertThat(LimitStatus.of(stream.started().get(10, TimeUnit.SECONDS).attributes()))
        .isEqualTo(new LimitStatus(10, 9, Duration.ofSeconds(6), 1000, 1000 - estimate,
            Duration.ofMillis(60L * estimate)));
    stream.close();
  }

  @Test
  void concurrencyLimitsReleaseTheirSlotWhenTheRequestEnds() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").echo().gate(gate).build();
    gateway = builder(mock).limit(RateLimit.concurrent(RateLimit.Scope.USER, 1)).build();
    CompletableFuture<ChatResponse> held = gateway.routeAsync(ask("held"), as("alice", "acme"));
    Await.until("the first request reached the provider", () -> mock.calls() == 1);
    assertThatThrownBy(() -> gateway.route(ask("second"), as("alice", "acme")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.limit()).isEqualTo("user.concurrent");
          assertThat(e.retryAfter()).isNull();
          assertThat(e.getMessage()).isEqualTo("rate limit 'user.concurrent' (1 requests in flight) reached");
        });
    gate.countDown();
    assertThat(held.get(10, TimeUnit.SECONDS).text()).isEqualTo("held");
    assertThat(gateway.route(ask("after"), as("alice", "acme")).text()).isEqualTo("after");
  }

  private List<UsageBucket> usage() {
    return gateway.usage().query(UsageQuery.of(Granularity.MINUTE, Instant.parse("2026-06-01T00:00:00Z"),
        Instant.parse("2026-06-02T00:00:00Z")));
  }
}
