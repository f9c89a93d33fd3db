package dev.aegis.api.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Adapts a {@link ChatStream} to a blocking {@link Iterator}. It requests chunks only when the
 * consumer comes back for more: one at first, so a consumer that reads one chunk and stops has
 * let the producer make exactly one. After that it keeps a window of chunks requested ahead
 * (buffered or on their way), doubling 2, 4, 8 up to {@value #MAX_BATCH}, and tops it up as soon
 * as half of it is left, before it runs dry: a producer faster than the consumer is never more
 * than {@value #MAX_BATCH} chunks ahead, and one slower than the consumer never stops for
 * demand, so neither thread waits for the other to wake up once per batch.
 *
 * <p>No locks: the chunks pass through a single-producer, single-consumer ring of
 * {@value #MAX_BATCH} slots (the window never exceeds it), and the consumer parks only on an
 * empty ring, after spinning briefly ({@link SpinWait}), so a producer that delivers within
 * microseconds wakes no one. A publisher that sends more than was requested breaks Reactive
 * Streams rule 1.1; the iterator then fails with an {@link IllegalStateException} and cancels it.
 * Not public API.
 */
public final class BlockingChunkIterator implements Iterator<ChatChunk>, Flow.Subscriber<ChatChunk> {
  /** The largest window: bounds how far the producer may run ahead of the consumer. */
  static final int MAX_BATCH = 16;
  private static final int MASK = MAX_BATCH - 1;

  private final ChatStream owner;
  private final @Nullable ChatChunk[] ring = new ChatChunk[MAX_BATCH];
  private volatile Flow.@Nullable Subscription subscription;
  /** Chunks received; written by the publisher's signals only (serial, rule 1.3). */
  private volatile long tail;
  /** Chunks the consumer took; the consumer's own. */
  private long head;
  /** Chunks requested so far; written by the consumer, read by {@link #onNext} to check rule 1.1. */
  private volatile long requested;
  /** How many chunks the next top-up keeps requested ahead: 1, then doubling up to {@value #MAX_BATCH}. */
  private int window = 1;
  /** Whether the consumer took a chunk since the last top-up (or none was made yet): it came back for more. */
  private boolean cameBack = true;
  /** Written before {@link #done}, so whoever sees {@code done} sees the error. */
  private @Nullable Throwable error;
  private volatile boolean done;
  /** The consumer while it is parked on an empty ring. */
  private volatile @Nullable Thread waiter;

  public BlockingChunkIterator(ChatStream owner) {
    this.owner = owner;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    synchronized (ring) {
      if (subscription != null) {
        s.cancel();
        return;
      }
      subscription = s;
    }
    wake();
  }

  @Override
  public void onNext(ChatChunk item) {
    long t = tail;
    if (t >= requested) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      fail(new IllegalStateException("the stream sent more chunks than were requested (Reactive Streams rule 1.1)"));
      return;
    }
    ring[(int) t & MASK] = item;
    tail = t + 1; // publishes the slot
    wake();
  }

  @Override
  public void onError(Throwable throwable) {
    fail(throwable);
  }

  private void fail(Throwable throwable) {
    if (!done) {
      error = throwable;
      done = true;
    }
    wake();
  }

  @Override
  public void onComplete() {
    done = true;
    wake();
  }

  private void wake() {
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  @Override
  public boolean hasNext() {
    long spun = 0;
    while (true) {
      long h = head;
      long asked = requested;
      long ahead = asked - h;
      Flow.Subscription s = subscription;
      if (cameBack && s != null && !done && ahead <= window / 2) {
        // the consumer is back and half the window is left: top it up before it runs dry
        int n = window - (int) ahead;
        window = Math.min(window * 2, MAX_BATCH);
        cameBack = false;
        requested = asked + n; // before request(): a synchronous publisher sends from inside it
        s.request(n);
        continue;
      }
      if (tail != h) {
        return true;
      }
      if (done) {
        if (tail != h) {
          return true; // delivered just before the end
        }
        Throwable e = error;
        if (e != null) {
          error = null; // report once; afterwards the iterator is simply exhausted
          throw rethrow(e);
        }
        return false;
      }
      if (spun == 0) {
        spun = SpinWait.start();
      }
      if (SpinWait.again(spun)) {
        continue; // the producer is probably about to deliver
      }
      Thread self = Thread.currentThread();
      waiter = self;
      // re-read after publishing the waiter: a signal that came before it found no one to wake
      if (tail == h && !done && subscription == s) {
        LockSupport.park(this);
      }
      waiter = null;
      if (self.isInterrupted()) {
        owner.close();
        throw new CancellationException("interrupted while waiting for the next chunk");
      }
    }
  }

  @Override
  public ChatChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int slot = (int) head & MASK;
    ChatChunk c = ring[slot];
    ring[slot] = null; // before the next top-up's write of requested, which lets the producer reuse it
    head++;
    cameBack = true;
    return c;
  }

  private static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException) {
      return (RuntimeException) e;
    }
    return new GatewayException(ErrorKind.INTERNAL, "stream failed: " + e, false, e);
  }
}
