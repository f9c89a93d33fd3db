package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** routeAsync's timing and cancellation; hooks never delay or fail a request. */
class AsyncAndHooksTest {
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  @Test
  void routeAsyncReturnsBeforeTheProviderAnswers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").echo().gate(gate).build();
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).build();
    CompletableFuture<ChatResponse> f = gateway.routeAsync(ask("later"));
    assertThat(f).isNotDone();
    gate.countDown();
    assertThat(f.get(10, TimeUnit.SECONDS).text()).isEqualTo("later");
  }

  @Test
  void cancellingTheFutureCancelsTheProviderCall() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").gate(new CountDownLatch(1)).onCall(r -> called.countDown()).build();
    RecordingPlugin p = new RecordingPlugin("p", new CopyOnWriteArrayList<>());
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).plugin(p).build();
    CompletableFuture<ChatResponse> f = gateway.routeAsync(ask("never"));
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(f.cancel(true)).isTrue();
    // onComplete runs once the pipeline has unwound; poll with a bound instead of sleeping
    Await.until("onComplete ran", () -> !p.outcomes.isEmpty());
    assertThat(mock.cancellations()).isEqualTo(1);
    assertThat(p.outcomes).singleElement().extracting(Outcome::status).isEqualTo(Outcome.Status.CANCELLED);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aBlockedHookDoesNotDelayTheRequest(Door door) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch hookEntered = new CountDownLatch(1);
    List<GatewayEvent> seen = new CopyOnWriteArrayList<>();
    gateway = Gateway.builder().provider(MockProvider.builder("mock").echo().build())
        .route("demo", Strategy.single(Target.of("mock")))
        .hook(e -> {
          hookEntered.countDown();
          try {
            release.await();
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
          seen.add(e);
        })
        .build();
    assertThat(door.call(gateway, ask("one")).text()).isEqualTo("one");
    assertThat(hookEntered.await(10, TimeUnit.SECONDS)).isTrue();
    // the hook is still blocked on the latch, and further requests still complete
    assertThat(door.call(gateway, ask("two")).text()).isEqualTo("two");
    assertThat(seen).isEmpty();
    release.countDown();
    Await.until("both events delivered", () -> seen.size() >= 2);
    assertThat(seen).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(RequestCompleted.class));
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aThrowingHookNeverFailsARequest(Door door) {
    gateway = Gateway.builder().provider(MockProvider.builder("mock").echo().build())
        .route("demo", Strategy.single(Target.of("mock")))
        .hook(e -> {
          throw new IllegalStateException("hook bug");
        })
        .build();
    assertThat(door.call(gateway, ask("fine")).text()).isEqualTo("fine");
    Await.until("the hook ran", () -> gateway.stats().hookFailures() >= 1);
    assertThat(gateway.stats().hookFailures()).isEqualTo(1);
  }

  @Test
  void eventsBeyondTheQueueAreDroppedAndCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    gateway = Gateway.builder().provider(MockProvider.builder("mock").build())
        .route("demo", Strategy.single(Target.of("mock")))
        .hookQueueCapacity(2)
        .hook(e -> {
          try {
            release.await();
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        })
        .build();
    for (int i = 0; i < 10; i++) {
      gateway.route(ask("x"));
    }
    // one event is being delivered (blocked), two wait in the queue, the rest were dropped;
    // the first may still be queued when the tenth arrives, hence a range
    assertThat(gateway.stats().hookEventsDropped()).isBetween(7L, 8L);
    release.countDown();
  }
}
