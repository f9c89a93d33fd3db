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
      }

      @Override
      public void cancel() {
        closed.set(true);
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
