package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Circuit breakers, hedging and streaming fallback, on all three doors. */
class ResilienceTest {
  private final FakeTime time = new FakeTime();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void breakerOpensRejectsFastHalfOpensAndCloses(Door door) {
    MockProvider a = MockProvider.builder("a").reply("from a").failures(FailurePlan.sequence(500, 500, 500)).build();
    MockProvider b = MockProvider.builder("b").reply("from b").build();
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    CircuitBreakerPolicy policy = CircuitBreakerPolicy.builder().consecutiveFailures(2)
        .openDuration(Duration.ofSeconds(30)).halfOpenProbes(1).build();
    gateway = Gateway.builder().ticker(time).sleeper(time).provider(a).provider(b).hook(events::add)
        .route("r", Strategy.fallback(Target.builder("a").provider("a").circuitBreaker(policy).build(), Target.of("b")))
        .build();
    door.call(gateway, ask("r"));
    door.call(gateway, ask("r"));
    assertThat(a.calls()).isEqualTo(2);
    // open: a is set aside without being called
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.text()).isEqualTo("from b");
    assertThat(r.metadata().attempts()).extracting(at -> at.target()).containsExactly("b");
    assertThat(a.calls()).isEqualTo(2);
    // after the open duration one probe is admitted; it fails (third planned failure): open again
    time.advance(Duration.ofSeconds(31));
    door.call(gateway, ask("r"));
    assertThat(a.calls()).isEqualTo(3);
    door.call(gateway, ask("r"));
    assertThat(a.calls()).isEqualTo(3);
    // next probe succeeds: closed
    time.advance(Duration.ofSeconds(31));
    assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from a");
    assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from a");
    Await.until("breaker events delivered", () -> events.stream().filter(e -> e instanceof CircuitStateChanged).count() >= 5);
    assertThat(events).filteredOn(e -> e instanceof CircuitStateChanged)
        .extracting(e -> ((CircuitStateChanged) e).to())
        .containsExactly(CircuitStateChanged.State.OPEN, CircuitStateChanged.State.HALF_OPEN,
            CircuitStateChanged.State.OPEN, CircuitStateChanged.State.HALF_OPEN, CircuitStateChanged.State.CLOSED);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void allCircuitsOpenFailsFastListingEachTarget(Door door) {
    CircuitBreakerPolicy policy = CircuitBreakerPolicy.builder().consecutiveFailures(1).build();
    MockProvider a = MockProvider.builder("a").failures(FailurePlan.sequence(503)).build();
    MockProvider b = MockProvider.builder("b").failures(FailurePlan.sequence(503)).build();
    gateway = Gateway.builder().ticker(time).sleeper(time).provider(a).provider(b)
        .route("r", Strategy.fallback(Target.builder("a").provider("a").circuitBreaker(policy).build(),
            Target.builder("b").provider("b").circuitBreaker(policy).build()))
        .build();
    assertThatThrownBy(() -> door.call(gateway, ask("r"))).hasMessageContaining("503");
    assertThatThrownBy(() -> door.call(gateway, ask("r")))
        .isInstanceOfSatisfying(NoRouteException.class, e -> assertThat(e.rejections())
            .extracting(NoRouteException.Rejection::target, NoRouteException.Rejection::reason)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "circuit open"),
                org.assertj.core.groups.Tuple.tuple("b", "circuit open")));
    assertThat(a.calls() + b.calls()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void hedgingSendsToTheNextTargetAndCancelsTheLoser(Door door) {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger fastCallsJustBeforeTheDelay = new AtomicInteger(-1);
    MockProvider fast = MockProvider.builder("fast").reply("from fast").build();
    // the slow target never answers; while it hangs, fake time passes the hedge delay, so the
    // hedge fires on the fake scheduler and nothing waits for real time
    MockProvider slow = MockProvider.builder("slow").reply("from slow").gate(never).onCall(req -> {
      time.advance(Duration.ofMillis(49));
      fastCallsJustBeforeTheDelay.set(fast.calls());
      time.advance(Duration.ofMillis(1));
    }).build();
    gateway = Gateway.builder().ticker(time).scheduler(time.scheduler).provider(slow).provider(fast)
        .route("r", Strategy.hedged(Duration.ofMillis(50), Strategy.single(Target.of("slow")),
            Strategy.single(Target.of("fast"))))
        .build();
    ChatResponse r = door.call(gateway, ask("r"));
    assertThat(r.text()).isEqualTo("from fast");
    assertThat(r.metadata().target()).isEqualTo("fast");
    assertThat(fastCallsJustBeforeTheDelay.get()).isZero();
    assertThat(fast.calls()).isEqualTo(1);
    Await.until("the losing attempt was cancelled", () -> slow.cancellations() == 1);
    assertThat(slow.completed()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aFastFirstTargetIsNotHedged(Door door) {
    MockProvider first = MockProvider.builder("first").reply("from first").build();
    MockProvider second = MockProvider.builder("second").reply("from second").build();
    gateway = Gateway.builder().ticker(time).scheduler(time.scheduler).provider(first).provider(second)
        .route("r", Strategy.hedged(Duration.ofSeconds(20), Strategy.single(Target.of("first")),
            Strategy.single(Target.of("second"))))
        .build();
    assertThat(door.call(gateway, ask("r")).text()).isEqualTo("from first");
    assertThat(second.calls()).isZero();
  }

  @Test
  void aStreamFailingBeforeItsFirstChunkFallsBack() {
    MockProvider broken = MockProvider.builder("broken").reply("from broken").failAfterChunks(0).build();
    MockProvider good = MockProvider.builder("good").reply("from good").build();
    gateway = Gateway.builder().provider(broken).provider(good)
        .route("r", Strategy.fallback(Target.of("broken"), Target.of("good"))).build();
    ChatStream stream = gateway.routeStream(ask("r"));
    ChatResponse r = stream.collect();
    assertThat(r.text()).isEqualTo("from good");
    assertThat(stream.started().join().target()).isEqualTo("good");
    assertThat(r.metadata().attempts()).hasSize(2);
  }

  @Test
  void aStreamFailingAfterItsFirstChunkEndsWithStreamExceptionAndNeverSwitches() {
    MockProvider broken = MockProvider.builder("broken").reply("one two three four").chunks(4).failAfterChunks(2)
        .build();
    MockProvider good = MockProvider.builder("good").reply("from good").build();
    gateway = Gateway.builder().provider(broken).provider(good)
        .route("r", Strategy.fallback(Target.of("broken"), Target.of("good"))).build();
    Iterator<ChatChunk> it = gateway.routeStream(ask("r")).iterator();
    StringBuilder text = new StringBuilder();
    assertThatThrownBy(() -> {
      while (it.hasNext()) {
        ChatChunk c = it.next();
        if (c.text() != null) {
          text.append(c.text());
        }
      }
    }).isInstanceOfSatisfying(StreamException.class, e -> {
      assertThat(e.provider()).isEqualTo("broken");
      assertThat(e.retryable()).isTrue();
    });
    assertThat(text.toString()).isEqualTo("one two");
    assertThat(good.calls()).isZero();
  }

  @Test
  void aSilentStreamIsCutByItsFirstChunkTimeoutAndFallsBack() {
    MockProvider silent = MockProvider.builder("silent").gate(new CountDownLatch(1)).build();
    MockProvider good = MockProvider.builder("good").reply("from good").build();
    gateway = Gateway.builder().provider(silent).provider(good)
        .route("r", Strategy.fallback(
            Target.builder("silent").provider("silent").firstChunkTimeout(Duration.ofMillis(50)).build(),
            Target.of("good"))).build();
    assertThat(gateway.routeStream(ask("r")).collect().text()).isEqualTo("from good");
    assertThat(silent.cancellations()).isEqualTo(1);
  }

  @Test
  void anIdleTimeoutEndsAStreamThatStalledAfterItsCommitPoint() {
    MockProvider stalling = MockProvider.builder("stalling").reply("one two three").chunks(3)
        .chunkDelay(Duration.ofSeconds(30)).build();
    gateway = Gateway.builder().provider(stalling)
        .route("r", Strategy.single(Target.builder("stalling").provider("stalling")
            .idleTimeout(Duration.ofMillis(50)).build())).build();
    assertThatThrownBy(() -> gateway.routeStream(ask("r")).collect())
        .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.getMessage()).contains("idle timeout"));
  }

  @Test
  void aLongHealthyStreamIsNotCutByTheDefaultRequestTimeout() {
    MockProvider slowStream = MockProvider.builder("s").reply("a b c d e").chunks(5).chunkDelay(Duration.ofMillis(60))
        .build();
    gateway = Gateway.builder().provider(slowStream).requestTimeout(Duration.ofMillis(100))
        .route("r", Strategy.single(Target.of("s"))).build();
    assertThat(gateway.routeStream(ask("r")).collect().text()).isEqualTo("a b c d e");
  }
}
