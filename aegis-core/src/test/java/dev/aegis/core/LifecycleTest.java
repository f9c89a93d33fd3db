package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GatewayTimeoutException;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deadlines and close(): bounded calls, graceful then forced shutdown, no leaked threads. */
class LifecycleTest {

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void everyCallIsBoundedByItsDeadline(Door door) {
    MockProvider hanging = MockProvider.builder("mock").gate(new CountDownLatch(1)).build();
    try (Gateway g = Gateway.builder().provider(hanging).route("demo", Strategy.single(Target.of("mock"))).build()) {
      RequestOptions quick = RequestOptions.builder().timeout(Duration.ofMillis(200)).build();
      assertThatThrownBy(() -> door.call(g, ask("hi"), quick))
          .isInstanceOf(GatewayTimeoutException.class)
          .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.TIMEOUT));
    }
  }

  @Test
  void closeLetsInFlightCallsFinishThenRejectsNewOnes() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch called = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").echo().gate(gate).onCall(r -> called.countDown()).build();
    Gateway g = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .provider(MockProvider.builder("free").build()).route("free", Strategy.single(Target.of("free")))
        .closeGracePeriod(Duration.ofSeconds(10)).build();
    CompletableFuture<ChatResponse> inFlight = g.routeAsync(ask("finish me"));
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(g::close);
    Await.until("close has begun", () -> {
      try {
        // probes go to an ungated provider, so they never hold up the test thread
        g.route(ChatRequest.builder().model("free").addMessage(Message.user("probe")).build());
        return false;
      } catch (GatewayException e) {
        return e.kind() == ErrorKind.UNAVAILABLE;
      }
    });
    assertThat(closing).isNotDone();
    gate.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).text()).isEqualTo("finish me");
    closing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void closeCancelsCallsThatOutliveTheGracePeriod() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").gate(new CountDownLatch(1)).onCall(r -> called.countDown()).build();
    Gateway g = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .closeGracePeriod(Duration.ofMillis(100)).build();
    CompletableFuture<ChatResponse> stuck = g.routeAsync(ask("stuck"));
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
    g.close();
    assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThat(mock.cancellations()).isEqualTo(1);
    assertThat(g.stats().inFlight()).isZero();
  }

  @Test
  void closeReleasesTheGatewaysThreads() {
    int before = Thread.activeCount();
    for (int i = 0; i < 3; i++) {
      Gateway g = Gateway.builder().provider(MockProvider.builder("mock").build())
          .route("demo", Strategy.single(Target.of("mock"))).hook(e -> { }).build();
      for (Door door : Door.values()) {
        door.call(g, ask("hi"));
      }
      g.close();
    }
    Await.until("threads return to the baseline of " + before, () -> Thread.activeCount() <= before);
  }
}
