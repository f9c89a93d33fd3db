package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ChatStream} of one {@code routeStream} call, and the output end of its pipeline.
 *
 * <p>The pipeline runs on one producer thread and calls {@link #deliver} for every chunk that
 * left the transformers. Before the commit point chunks are held in the attempt's own buffer (a
 * failed or losing attempt's chunks vanish with it); the first content chunk commits the stream, completes
 * {@link #started()}, and from then on every chunk waits for the subscriber's demand, which
 * back-pressures the provider's socket read loop.
 *
 * <p>Demand is an atomic counter: {@code request(n)} adds to it from any thread and wakes the
 * producer only if it parked on zero demand. The producer parks at once (it does not spin: its
 * consumer may be an event loop that needs the CPU); the blocking iterator spins briefly before
 * it parks instead ({@link dev.aegis.api.internal.SpinWait}). The subscriber's signals come from
 * the producer thread, one at a time.
 */
final class GatewayChatStream implements ChatStream, Flow.Subscription {
  private static final int NEW = 0;
  private static final int SUBSCRIBED = 1;
  private static final int CLOSED = 2;

  private final Call call;
  private final Engine engine;
  private final AtomicInteger state = new AtomicInteger(NEW);
  private final CompletableFuture<StreamStart> started = new CompletableFuture<>();
  private final CompletableFuture<ResponseMetadata> finished = new CompletableFuture<>();
  /** Guards the commit decision: hedged attempts may reach their first content chunk at once. */
  private final Object commitLock = new Object();
  private final AtomicLong demand = new AtomicLong();
  /** The producer while it is parked on zero demand; {@code request} and {@code cancel} unpark it. */
  private volatile @Nullable Thread waiter;
  private final ChatResponseAccumulator delivered = new ChatResponseAccumulator();
  // dropped on cancel and after the terminal signal (Reactive Streams rule 3.13): a caller that
  // keeps the stream must not keep its subscriber alive
  private volatile Flow.@Nullable Subscriber<? super ChatChunk> subscriber;
  private volatile boolean cancelled;
  private volatile boolean committed;
  private @Nullable AttemptPipe committedBy;
  private volatile @Nullable Throwable badRequest;

  GatewayChatStream(Call call, Engine engine) {
    this.call = call;
    this.engine = engine;
  }

  // ---- ChatStream ----

  @Override
  public void subscribe(Flow.Subscriber<? super ChatChunk> s) {
    Objects.requireNonNull(s, "subscriber"); // rule 1.9, before the stream is spent
    if (!state.compareAndSet(NEW, SUBSCRIBED)) {
      s.onSubscribe(NoopSubscription.INSTANCE);
      s.onError(new IllegalStateException(state.get() == CLOSED
          ? "the stream was closed before it was subscribed"
          : "a ChatStream is one-shot and already has a subscriber"));
      return;
    }
    subscriber = s;
    s.onSubscribe(this);
    try {
      engine.executor().execute(() -> {
        try {
          call.run(new StreamOutput(this));
        } catch (Throwable t) {
          // an Error escaped the pipeline: the subscriber must still hear the end
          if (!finished.isDone()) {
            finish(new GatewayException(ErrorKind.INTERNAL, "internal error: " + t, false, t), ResponseMetadata.EMPTY);
          }
          throw t;
        }
      });
    } catch (RejectedExecutionException e) {
      GatewayException error = new GatewayException(ErrorKind.UNAVAILABLE, "the gateway is closed", true, e);
      started.completeExceptionally(error);
      finished.complete(ResponseMetadata.EMPTY);
      if (!cancelled) {
        s.onError(error);
      }
    }
  }

  @Override
  public CompletableFuture<StreamStart> started() {
    return started;
  }

  @Override
  public CompletableFuture<ResponseMetadata> finished() {
    return finished;
  }

  @Override
  public void close() {
    if (state.compareAndSet(NEW, CLOSED)) {
      GatewayException error = new GatewayException(ErrorKind.CANCELLED, "the stream was closed before it started");
      started.completeExceptionally(error);
      finished.complete(ResponseMetadata.EMPTY);
      return;
    }
    cancel();
  }

  // ---- Flow.Subscription ----

  @Override
  public void request(long n) {
    if (n <= 0) {
      // Reactive Streams rule 3.9: signal an IllegalArgumentException and stop
      badRequest = new IllegalArgumentException("non-positive subscription request: request(n) needs n > 0 but got "
          + n + " (Reactive Streams rule 3.9)");
      wakeProducer();
      cancelUpstream("the subscriber requested a non-positive amount");
      return;
    }
    long d;
    do {
      d = demand.get();
    } while (!demand.compareAndSet(d, d + n < 0 ? Long.MAX_VALUE : d + n));
    wakeProducer();
  }

  @Override
  public void cancel() {
    cancelled = true;
    subscriber = null;
    wakeProducer();
    cancelUpstream("cancelled by the caller");
  }

  private void wakeProducer() {
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  private void cancelUpstream(String why) {
    call.signal.cancel(why);
  }

  // ---- pipeline side (producer thread) ----

  boolean isCommitted() {
    return committed;
  }

  /**
   * Takes one chunk that left an attempt's transformers. Before the commit point it is held in
   * the attempt's own buffer (so a failed attempt's chunks vanish with it, and hedged attempts do
   * not mix); the first content chunk commits its attempt. A chunk from any other attempt after
   * that is refused: that attempt lost.
   */
  void deliver(AttemptPipe pipe, ChatChunk chunk) {
    if (committed) {
      if (committedBy != pipe) {
        throw new CancellationException("another attempt already answered");
      }
      send(chunk);
      return;
    }
    pipe.pending.add(chunk);
    if (chunk.hasContent()) {
      commit(pipe);
    }
  }

  private void commit(AttemptPipe pipe) {
    synchronized (commitLock) {
      if (committed) {
        if (committedBy != pipe) {
          throw new CancellationException("another attempt already answered");
        }
        return;
      }
      committedBy = pipe;
      committed = true;
    }
    call.committedTo(pipe);
    started.complete(call.streamStart());
    if (!pipe.pending.isEmpty()) {
      call.observer.firstChunk(pipe.pending.get(0));
    }
    for (ChatChunk c : pipe.pending) {
      send(c);
    }
    pipe.pending.clear();
  }

  private void send(ChatChunk chunk) {
    takeDemand();
    delivered.add(chunk);
    call.observer.chunk(chunk);
    Flow.Subscriber<? super ChatChunk> s = subscriber;
    if (s != null) {
      s.onNext(chunk);
    }
  }

  /**
   * Takes one unit of demand, waiting for it: spinning a little, then parked until
   * {@link #request} or {@link #cancel} unparks this thread. Only the producer takes demand.
   */
  private void takeDemand() {
    while (true) {
      if (cancelled || badRequest != null) {
        throw new CancellationException("the stream was cancelled");
      }
      long d = demand.get();
      if (d == Long.MAX_VALUE || d > 0 && demand.compareAndSet(d, d - 1)) {
        return;
      }
      if (d > 0) {
        continue; // a request raced the decrement
      }
      // no spin here: the producer waits on a consumer that may be an event loop writing to a
      // socket, and with many streams at once the spinning producers took the CPU those writes
      // needed (Vert.x streams at c = 32: 0.50 of the passthrough with a 5 us spin, 0.74 without)
      Thread self = Thread.currentThread();
      waiter = self;
      // re-read after publishing the waiter: a request that came before it sees no one to unpark
      if (demand.get() == 0 && !cancelled && badRequest == null) {
        LockSupport.park(this);
      }
      waiter = null;
      if (self.isInterrupted()) {
        cancelled = true;
        cancelUpstream("interrupted");
      }
    }
  }

  /** The response the delivered chunks spell, or {@code null} if none was delivered. */
  @Nullable ChatResponse assembled() {
    return delivered.chunkCount() == 0 ? null : delivered.toResponse();
  }

  /** Releases what an answer without content left pending (a role-only or finish-only stream). */
  void commitRemaining(AttemptPipe pipe) {
    if (!committed) {
      commit(pipe);
    }
  }

  /** Sends the terminal signal (unless cancelled) and completes {@link #finished()}. */
  void finish(@Nullable GatewayException error, ResponseMetadata metadata) {
    if (error != null) {
      started.completeExceptionally(error);
    } else if (!started.isDone()) {
      started.complete(call.streamStart());
    }
    Flow.Subscriber<? super ChatChunk> s = subscriber;
    subscriber = null;
    Throwable bad = badRequest;
    if (s != null) {
      if (bad != null) {
        s.onError(bad);
      } else if (!cancelled) {
        if (error != null) {
          s.onError(error);
        } else {
          s.onComplete();
        }
      }
    }
    finished.complete(metadata);
  }

  boolean isCancelled() {
    return cancelled;
  }

  private enum NoopSubscription implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
