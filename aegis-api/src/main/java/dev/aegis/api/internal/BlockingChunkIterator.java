package dev.aegis.api.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Adapts a {@link ChatStream} to a blocking {@link Iterator}: it requests one chunk whenever the
 * consumer asks for the next and none is buffered, so the producer never runs ahead. Not public
 * API.
 */
public final class BlockingChunkIterator implements Iterator<ChatChunk>, Flow.Subscriber<ChatChunk> {
  private final ChatStream owner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ChatChunk> buffer = new ArrayDeque<>(2);
  private Flow.@Nullable Subscription subscription;
  private boolean requested;
  private boolean done;
  private @Nullable Throwable error;

  public BlockingChunkIterator(ChatStream owner) {
    this.owner = owner;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    lock.lock();
    try {
      if (subscription != null) {
        s.cancel();
        return;
      }
      subscription = s;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onNext(ChatChunk item) {
    lock.lock();
    try {
      buffer.add(item);
      requested = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onError(Throwable throwable) {
    lock.lock();
    try {
      error = throwable;
      done = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onComplete() {
    lock.lock();
    try {
      done = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean hasNext() {
    Flow.Subscription toRequest = null;
    lock.lock();
    try {
      while (true) {
        if (!buffer.isEmpty()) {
          return true;
        }
        if (done) {
          if (error != null) {
            Throwable e = error;
            error = null; // report once; afterwards the iterator is simply exhausted
            throw rethrow(e);
          }
          return false;
        }
        if (subscription != null && !requested) {
          requested = true;
          toRequest = subscription;
          break;
        }
        awaitSignal();
      }
    } finally {
      lock.unlock();
    }
    // request outside the lock: a synchronous publisher may call onNext from inside request()
    toRequest.request(1);
    return hasNext();
  }

  private void awaitSignal() {
    try {
      changed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      owner.close();
      throw new CancellationException("interrupted while waiting for the next chunk");
    }
  }

  @Override
  public ChatChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    lock.lock();
    try {
      return buffer.removeFirst();
    } finally {
      lock.unlock();
    }
  }

  private static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    return new GatewayException(ErrorKind.INTERNAL, "stream failed: " + e, false, e);
  }
}
