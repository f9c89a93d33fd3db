package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheStatus;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coalesced streams are live: a streamed waiter receives the leader's chunks as they pass the
 * cache, while the upstream is still held mid-stream on a latch; a slow waiter holds back
 * neither the leader nor the others; a waiter cancelled mid-stream leaves the upstream alone; a
 * leader cancelled mid-stream ends its live followers with a retryable error and hands the call
 * on to a waiter still waiting. No sleeps: latches and bounded polls.
 */
class LiveCoalescingTest {
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
  private static final ChatRequest ASK = ChatRequest.builder().model("demo")
      .addMessage(Message.user("the same question")).temperature(0.0).build();

  private final HeldStream upstream = new HeldStream();
  private final InMemoryCacheStore store = InMemoryCacheStore.builder().build();
  private final ResponseCache cache = ResponseCache.builder().store(store).coalescing(true).build();
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private final Gateway gateway = Gateway.builder().provider(upstream).route("demo", Strategy.single(Target.of("held")))
      .cache(cache).build();

  @AfterEach
  void close() throws InterruptedException {
    upstream.release();
    readers.shutdownNow();
    readers.awaitTermination(10, TimeUnit.SECONDS);
    gateway.close();
  }

  /** One stream read on its own thread, chunk texts collected as they arrive. */
  private final class Reader {
    final ChatStream stream = gateway.routeStream(ASK, ACME);
    final List<String> texts = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done;

    Reader() {
      done = CompletableFuture.runAsync(() -> {
        Iterator<ChatChunk> it = stream.iterator();
        while (it.hasNext()) {
          ChatChunk c = it.next();
          if (c.text() != null && !c.text().isEmpty()) {
            texts.add(c.text());
          }
        }
      }, readers);
    }

    Throwable failure() throws InterruptedException {
      try {
        done.get(20, TimeUnit.SECONDS);
        throw new AssertionError("the stream completed");
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void streamedWaitersReceiveTheLeadersChunksWhileTheUpstreamIsStillStreaming() throws Exception {
    Reader leader = new Reader();
    Await.until("the leader is upstream", () -> upstream.calls.get() == 1);
    List<Reader> waiters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiters.add(new Reader());
    }
    Await.until("every stream has the first chunk",
        () -> waiters.stream().allMatch(w -> w.texts.size() == 1) && leader.texts.size() == 1);
    // the upstream has sent "Hello" and is held on its latch: the waiters got it live
    assertThat(upstream.finished.get()).isZero();
    for (Reader w : waiters) {
      assertThat(w.texts).containsExactly("Hello");
      assertThat(w.stream.started().get(20, TimeUnit.SECONDS).cache().status()).isEqualTo(CacheStatus.HIT);
    }
    upstream.release();
    leader.done.get(20, TimeUnit.SECONDS);
    assertThat(leader.texts).containsExactly("Hello", " world");
    for (Reader w : waiters) {
      w.done.get(20, TimeUnit.SECONDS);
      assertThat(w.texts).containsExactly("Hello", " world");
    }
    assertThat(leader.stream.started().get().cache().status()).isEqualTo(CacheStatus.MISS);
    assertThat(upstream.calls.get()).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
    assertThat(cache.flightsInProgress()).isZero();
  }

  @Test
  void aWaiterThatArrivesMidStreamStillGetsTheStreamFromItsStart() throws Exception {
    Reader leader = new Reader();
    Await.until("the leader has its first chunk", () -> leader.texts.size() == 1);
    Reader late = new Reader();
    Await.until("the late waiter caught up", () -> late.texts.size() == 1);
    assertThat(late.texts).containsExactly("Hello");
    upstream.release();
    late.done.get(20, TimeUnit.SECONDS);
    assertThat(late.texts).containsExactly("Hello", " world");
    assertThat(upstream.calls.get()).isEqualTo(1);
  }

  @Test
  void aSlowWaiterHoldsBackNeitherTheLeaderNorTheOtherWaiters() throws Exception {
    Reader leader = new Reader();
    Await.until("the leader is upstream", () -> upstream.calls.get() == 1);
    // a subscriber that asks for one chunk and then for nothing until told
    ChatStream slowStream = gateway.routeStream(ASK, ACME);
    List<ChatChunk> slowGot = new CopyOnWriteArrayList<>();
    CountDownLatch slowCompleted = new CountDownLatch(1);
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    CountDownLatch subscribed = new CountDownLatch(1);
    slowStream.subscribe(new Flow.Subscriber<>() {
      public void onSubscribe(Flow.Subscription s) {
        subscription[0] = s;
        subscribed.countDown();
        s.request(1);
      }

      public void onNext(ChatChunk item) {
        slowGot.add(item);
      }

      public void onError(Throwable t) {
        slowCompleted.countDown();
      }

      public void onComplete() {
        slowCompleted.countDown();
      }
    });
    Reader other = new Reader();
    Await.until("both waiters have the first chunk", () -> slowGot.size() == 1 && other.texts.size() == 1);
    upstream.release();
    leader.done.get(20, TimeUnit.SECONDS);
    other.done.get(20, TimeUnit.SECONDS);
    assertThat(leader.texts).containsExactly("Hello", " world");
    assertThat(other.texts).containsExactly("Hello", " world");
    // the slow one has had exactly what it asked for
    assertThat(slowGot).extracting(ChatChunk::text).containsExactly("Hello");
    assertThat(slowCompleted.getCount()).isEqualTo(1);
    assertThat(subscribed.await(20, TimeUnit.SECONDS)).isTrue();
    subscription[0].request(Long.MAX_VALUE);
    assertThat(slowCompleted.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(slowGot).extracting(c -> c.text() == null ? "" : c.text()).containsExactly("Hello", " world", "");
    assertThat(slowGot.get(slowGot.size() - 1).usage()).isEqualTo(HeldStream.USAGE);
    assertThat(upstream.calls.get()).isEqualTo(1);
  }

  @Test
  void aWaiterCancelledMidStreamLeavesTheUpstreamAndTheOthersAlone() throws Exception {
    Reader leader = new Reader();
    Await.until("the leader is upstream", () -> upstream.calls.get() == 1);
    Reader quitter = new Reader();
    Reader stayer = new Reader();
    Await.until("both waiters have the first chunk", () -> quitter.texts.size() == 1 && stayer.texts.size() == 1);
    quitter.stream.close();
    quitter.stream.finished().get(20, TimeUnit.SECONDS);
    assertThat(upstream.cancellations.get()).isZero();
    upstream.release();
    leader.done.get(20, TimeUnit.SECONDS);
    stayer.done.get(20, TimeUnit.SECONDS);
    assertThat(leader.texts).containsExactly("Hello", " world");
    assertThat(stayer.texts).containsExactly("Hello", " world");
    assertThat(quitter.texts).containsExactly("Hello");
    assertThat(upstream.calls.get()).isEqualTo(1);
    assertThat(upstream.cancellations.get()).isZero();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aLeaderCancelledMidStreamEndsItsLiveFollowersRetryablyAndHandsOnToAWaiter() throws Exception {
    Reader leader = new Reader();
    Await.until("the leader is upstream", () -> upstream.calls.get() == 1);
    Reader follower = new Reader();
    CompletableFuture<ChatResponse> whole = gateway.routeAsync(ASK, ACME);
    Await.until("the follower has the first chunk and the whole request waits",
        () -> follower.texts.size() == 1 && cache.coalescedWaiters() == 1);
    leader.stream.close();
    Await.until("the waiting request took over and went upstream", () -> upstream.calls.get() == 2);
    assertThat(upstream.cancellations.get()).isEqualTo(1);
    Throwable t = follower.failure();
    assertThat(t).isInstanceOf(StreamException.class);
    GatewayException e = (GatewayException) t;
    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_FAILED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).isEqualTo("stream failed after it started: the upstream stream this request shared"
        + " with an identical one was restarted; retry");
    assertThat(follower.texts).containsExactly("Hello");
    upstream.release();
    ChatResponse r = whole.get(20, TimeUnit.SECONDS);
    assertThat(r.text()).isEqualTo("Hello world");
    assertThat(r.metadata().cache().status()).isEqualTo(CacheStatus.MISS);
    assertThat(upstream.calls.get()).isEqualTo(2);
    assertThat(store.size()).isEqualTo(1);
    leader.stream.finished().get(20, TimeUnit.SECONDS);
    assertThat(leader.texts).containsExactly("Hello");
  }

  /**
   * A provider whose stream sends "Hello", then waits on a latch (or its call's cancellation)
   * before " world" and the end; its whole answer waits on the same latch.
   */
  static final class HeldStream implements Provider {
    static final Usage USAGE = Usage.builder().inputTokens(4).outputTokens(2).build();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger cancellations = new AtomicInteger();
    private final List<CountDownLatch> held = new CopyOnWriteArrayList<>();
    private volatile boolean released;

    void release() {
      released = true;
      held.forEach(CountDownLatch::countDown);
    }

    private void hold(ProviderCall call) {
      CountDownLatch wake = new CountDownLatch(1);
      held.add(wake);
      call.onCancel(wake::countDown);
      try {
        if (!released && !wake.await(20, TimeUnit.SECONDS)) {
          throw new AssertionError("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (call.isCancelled()) {
        cancellations.incrementAndGet();
        throw new CancellationException("cancelled upstream");
      }
    }

    @Override
    public String name() {
      return "held";
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.allOf(Capability.class);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ProviderCall call) {
      calls.incrementAndGet();
      hold(call);
      finished.incrementAndGet();
      return ChatResponse.builder().id("held-1").model("held-model")
          .addChoice(Choice.of(0, Message.assistant("Hello world"), FinishReason.STOP)).usage(USAGE).build();
    }

    @Override
    public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
      calls.incrementAndGet();
      sink.emit(ChatChunk.builder("held-1", "held-model").role(Role.ASSISTANT).text("Hello").build());
      hold(call);
      sink.emit(ChatChunk.builder("held-1", "held-model").text(" world").build());
      sink.emit(ChatChunk.builder("held-1", "held-model").finishReason(FinishReason.STOP).usage(USAGE).build());
      finished.incrementAndGet();
    }
  }
}
