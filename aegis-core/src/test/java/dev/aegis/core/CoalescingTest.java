package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.cache.CacheStatus;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Request coalescing: 16 identical cacheable requests while the upstream is held on a latch until
 * all of them are in (one calling, fifteen waiting) share one upstream call.
 */
class CoalescingTest {
  private static final int N = 16;
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
  private static final ChatRequest ASK = ChatRequest.builder().model("demo")
      .addMessage(Message.user("the same question from everyone")).temperature(0.0).build();

  private final CountDownLatch gate = new CountDownLatch(1);
  private final InMemoryCacheStore store = InMemoryCacheStore.builder().build();
  private final ResponseCache cache = ResponseCache.builder().store(store).coalescing(true).build();
  private final ExecutorService callers = Executors.newFixedThreadPool(N);
  private MockProvider mock = MockProvider.builder("mock").echo().chunks(3).gate(gate).build();
  private Gateway gateway;

  private Gateway gateway() {
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).plugin(cache).build();
    return gateway;
  }

  @AfterEach
  void close() throws InterruptedException {
    gate.countDown();
    callers.shutdownNow();
    callers.awaitTermination(10, TimeUnit.SECONDS);
    if (gateway != null) {
      gateway.close();
    }
  }

  /** One caller's request on a door, with a way to cancel it the way its caller would. */
  interface Handle {
    ChatResponse join() throws Exception;

    void cancel();

    /** Waits until the cancelled request has ended and says whether it ended as cancelled. */
    boolean endedCancelled() throws Exception;
  }

  private Handle start(Door door, Gateway g) {
    switch (door) {
      case ROUTE_ASYNC: {
        CompletableFuture<ChatResponse> f = g.routeAsync(ASK, ACME);
        return new Handle() {
          public ChatResponse join() throws Exception {
            return f.get(20, TimeUnit.SECONDS);
          }

          public void cancel() {
            f.cancel(true);
          }

          public boolean endedCancelled() {
            return f.isCancelled();
          }
        };
      }
      case STREAM: {
        ChatStream s = g.routeStream(ASK, ACME);
        CompletableFuture<ChatResponse> f = CompletableFuture.supplyAsync(s::collect, callers);
        return new Handle() {
          public ChatResponse join() throws Exception {
            return f.get(20, TimeUnit.SECONDS);
          }

          public void cancel() {
            s.close();
          }

          public boolean endedCancelled() throws Exception {
            // a cancelled stream sends no terminal signal to its subscriber; it just finishes
            s.finished().get(20, TimeUnit.SECONDS);
            try {
              s.started().join();
              return false;
            } catch (java.util.concurrent.CompletionException e) {
              return ((GatewayException) e.getCause()).kind() == dev.aegis.api.error.ErrorKind.CANCELLED;
            }
          }
        };
      }
      default: {
        CompletableFuture<ChatResponse> f = CompletableFuture.supplyAsync(() -> g.route(ASK, ACME), callers);
        return new Handle() {
          public ChatResponse join() throws Exception {
            return f.get(20, TimeUnit.SECONDS);
          }

          public void cancel() {
            throw new UnsupportedOperationException("route() has no cancel");
          }

          public boolean endedCancelled() {
            throw new UnsupportedOperationException("route() has no cancel");
          }
        };
      }
    }
  }

  /** Starts the leader, waits until it is upstream, then the rest, until all of them wait. */
  private List<Handle> startAll(Door door, Gateway g) {
    List<Handle> all = new ArrayList<>();
    all.add(start(door, g));
    Await.until("the leader is upstream", () -> mock.calls() == 1);
    for (int i = 1; i < N; i++) {
      all.add(start(door, g));
    }
    Await.until("15 requests wait for the leader", () -> cache.coalescedWaiters() == N - 1);
    return all;
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void sixteenIdenticalRequestsShareOneUpstreamCall(Door door) throws Exception {
    Gateway g = gateway();
    List<Handle> all = startAll(door, g);
    assertThat(mock.calls()).isEqualTo(1);
    gate.countDown();
    List<ChatResponse> answers = new ArrayList<>();
    for (Handle h : all) {
      answers.add(h.join());
    }
    assertThat(mock.calls()).isEqualTo(1);
    assertThat(answers).extracting(ChatResponse::text).containsOnly("the same question from everyone").hasSize(N);
    assertThat(answers).extracting(ChatResponse::usage).containsOnly(answers.get(0).usage());
    assertThat(answers).extracting(ChatResponse::id).containsOnly(answers.get(0).id());
    assertThat(answers).extracting(r -> r.metadata().cache().status())
        .containsOnlyOnce(CacheStatus.MISS).filteredOn(s -> s == CacheStatus.HIT).hasSize(N - 1);
    assertThat(cache.flightsInProgress()).isZero();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void streamedWaitersReceiveTheLeadersChunksFromTheStart() throws Exception {
    Gateway g = gateway();
    List<ChatStream> streams = new ArrayList<>();
    List<CompletableFuture<List<ChatChunk>>> chunks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ChatStream s = g.routeStream(ASK, ACME);
      streams.add(s);
      chunks.add(CompletableFuture.supplyAsync(() -> ResponseCacheTest.drain(s), callers));
      if (i == 0) {
        Await.until("the leader is upstream", () -> mock.calls() == 1);
      }
    }
    Await.until("3 waiters", () -> cache.coalescedWaiters() == 3);
    gate.countDown();
    List<ChatChunk> leader = chunks.get(0).get(20, TimeUnit.SECONDS);
    assertThat(leader).extracting(ResponseCacheTest::text).containsExactly("the same", " question from", " everyone", "");
    for (int i = 1; i < 4; i++) {
      assertThat(chunks.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(leader);
      assertThat(streams.get(i).started().join().cache().status()).isEqualTo(CacheStatus.HIT);
    }
    assertThat(mock.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = Door.class, names = {"ROUTE_ASYNC", "STREAM"})
  void aCancelledWaiterLeavesTheLeaderAlone(Door door) throws Exception {
    Gateway g = gateway();
    List<Handle> all = startAll(door, g);
    all.get(5).cancel();
    Await.until("the cancelled waiter left", () -> cache.coalescedWaiters() == N - 2);
    gate.countDown();
    for (int i = 0; i < N; i++) {
      if (i == 5) {
        assertThat(all.get(i).endedCancelled()).isTrue();
        continue;
      }
      assertThat(all.get(i).join().text()).isEqualTo("the same question from everyone");
    }
    assertThat(mock.calls()).isEqualTo(1);
    assertThat(mock.cancellations()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Door.class, names = {"ROUTE_ASYNC", "STREAM"})
  void aCancelledLeaderHandsOnToAWaiter(Door door) throws Exception {
    Gateway g = gateway();
    List<Handle> all = startAll(door, g);
    all.get(0).cancel();
    Await.until("a waiter took over and went upstream", () -> mock.calls() == 2);
    assertThat(mock.cancellations()).isEqualTo(1);
    assertThat(cache.coalescedWaiters()).isEqualTo(N - 2);
    gate.countDown();
    assertThat(all.get(0).endedCancelled()).isTrue();
    for (int i = 1; i < N; i++) {
      assertThat(all.get(i).join().text()).isEqualTo("the same question from everyone");
    }
    assertThat(mock.calls()).isEqualTo(2);
    assertThat(store.size()).isEqualTo(1);
    assertThat(cache.flightsInProgress()).isZero();
  }

  @Test
  void waitersGetTheLeadersError() throws Exception {
    mock = MockProvider.builder("mock").echo().gate(gate).failures(FailurePlan.sequence(400)).build();
    Gateway g = gateway();
    List<Handle> all = startAll(Door.ROUTE_ASYNC, g);
    gate.countDown();
    List<String> messages = new ArrayList<>();
    for (Handle h : all) {
      try {
        h.join();
      } catch (java.util.concurrent.ExecutionException e) {
        messages.add(((GatewayException) e.getCause()).kind() + ": " + e.getCause().getMessage());
      }
    }
    assertThat(messages).hasSize(N).containsOnly(messages.get(0));
    assertThat(mock.calls()).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void coalescingIsOffByDefault() throws Exception {
    ResponseCache plain = ResponseCache.builder().store(InMemoryCacheStore.builder().build()).build();
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).plugin(plain).build();
    CompletableFuture<ChatResponse> a = gateway.routeAsync(ASK, ACME);
    CompletableFuture<ChatResponse> b = gateway.routeAsync(ASK, ACME);
    Await.until("both upstream", () -> mock.calls() == 2);
    gate.countDown();
    assertThat(a.get(20, TimeUnit.SECONDS).metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(b.get(20, TimeUnit.SECONDS).metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(plain.coalescedWaiters()).isZero();
  }
}
