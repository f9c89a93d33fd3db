package dev.aegis.providers.openai.server;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChatStream} the test drives by hand: it records demand and cancellation, and the test
 * pushes chunks, completion or an error when it chooses (on its own thread), so every ordering is
 * deterministic.
 */
public final class ScriptedStream implements ChatStream {
  public final CompletableFuture<StreamStart> started = new CompletableFuture<>();
  public final CompletableFuture<ResponseMetadata> finished = new CompletableFuture<>();
  public final AtomicLong requested = new AtomicLong();
  public final AtomicBoolean closed = new AtomicBoolean();
  public final AtomicBoolean iterated = new AtomicBoolean();
  private volatile Flow.Subscriber<? super ChatChunk> subscriber;
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  /** Completes when the stream is closed or cancelled. */
  public final CompletableFuture<Void> closing = new CompletableFuture<>();
  private final java.util.concurrent.ConcurrentLinkedQueue<Waiter> waiters = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private record Waiter(long atLeast, CompletableFuture<Void> future) {}

  /** Completes once at least {@code n} chunks were requested in total (or the stream closed). */
  public CompletableFuture<Void> requestedAtLeast(long n) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.add(new Waiter(n, f));
    signal();
    return f;
  }

  private void signal() {
    long now = requested.get();
    boolean gone = closed.get();
    waiters.removeIf(w -> {
      if (gone || now >= w.atLeast()) {
        w.future().complete(null);
        return true;
      }
      return false;
    });
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
    closed.set(true);
    closing.complete(null);
    signal();
  }

  @Override
  public java.util.Iterator<ChatChunk> iterator() {
    iterated.set(true);
    return ChatStream.super.iterator();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ChatChunk> s) {
    subscriber = s;
    s.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        requested.addAndGet(n);
        signal();
      }

      @Override
      public void cancel() {
        close();
      }
    });
    subscribed.complete(null);
  }

  /** Completes when a subscriber arrived. */
  public CompletableFuture<Void> subscribed() {
    return subscribed;
  }

  public void emit(ChatChunk chunk) {
    subscriber.onNext(chunk);
  }

  public void complete() {
    subscriber.onComplete();
    finished.complete(ResponseMetadata.EMPTY);
  }

  public void fail(Throwable error) {
    started.completeExceptionally(error);
    subscriber.onError(error);
    finished.complete(ResponseMetadata.EMPTY);
  }
}
