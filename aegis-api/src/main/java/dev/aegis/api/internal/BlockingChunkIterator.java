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
 * Adapts a {@link ChatStream} to a blocking {@link Iterator}. It requests chunks only when the
 * consumer asks for the next and none is buffered: one at first, then twice as many each time
 * the consumer comes back for more, up to {@value #MAX_BATCH}. A consumer that reads one chunk
 * and stops has let the producer make exactly one; one that reads on pays the thread hand-off
 * (a park and an unpark on each side) once per batch instead of once per chunk. The producer is
 * never more than {@value #MAX_BATCH} chunks ahead. Not public API.
 */
public final class BlockingChunkIterator implements Iterator<ChatChunk>, Flow.Subscriber<ChatChunk> {
  private final ChatStream owner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** The largest request: bounds how far the producer may run ahead of the consumer. */
  static final int MAX_BATCH = 16;

  private final ArrayDeque<ChatChunk> buffer = new ArrayDeque<>(MAX_BATCH);
  private Flow.@Nullable Subscription subscription;
  /** Chunks requested and not yet received. */
  private int outstanding;
  private int batch = 1;
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
      if (outstanding > 0) {
        outstanding--;
      }
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
    int n = 0;
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
        if (subscription != null && outstanding == 0) {
          n = batch;
          batch = Math.min(batch * 2, MAX_BATCH);
          outstanding = n;
          toRequest = subscription;
          break;
        }
        awaitSignal();
      }
    } finally {
      lock.unlock();
    }
    // request outside the lock: a synchronous publisher may call onNext from inside request()
    toRequest.request(n);
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
