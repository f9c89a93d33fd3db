package dev.aegis.core.cache.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.ChunkSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One upstream call shared by identical cacheable requests in flight at once (request
 * coalescing): the first request is the leader and calls the provider; the others wait for its
 * answer or its error. A waiter that is cancelled just stops waiting (the leader belongs to its
 * own caller and goes on); a leader cancelled by its own caller hands the call on to one waiter,
 * which then calls the provider itself.
 *
 * <p><b>Live streams.</b> A streaming leader {@linkplain #publish publishes} each chunk as it
 * passes the cache (scanned, still masked); a streaming waiter stops waiting at the first one and
 * {@linkplain #reader reads} the leader's chunks from the start, each as soon as it is there, at
 * its own pace: the leader never waits for a reader, and a reader holds only its position in the
 * chunks the leader records for the cache anyway. What was published is one attempt's stream:
 * when a second attempt starts after chunks went out (a retry before the commit point, a hedge)
 * or the leader hands on, the readers of the old stream end with a retryable error and the
 * waiters still waiting get the final answer whole.
 *
 * <p>Thread-safe. The lock guards a few fields; nobody holds it while calling out.
 */
public final class Flight {
  /** What a waiter got. */
  public enum Wake { ANSWERED, FAILED, LEADER, STREAMING, CANCELLED }

  private final Flights owner;
  private final CacheKey key;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int waiting;
  private boolean leaderless;
  private boolean done;
  private CacheCodec.@Nullable Entry answer;
  private @Nullable GatewayException error;
  /** The chunks published by the current live stream (generation {@link #generation}). */
  private List<ChatChunk> live = new ArrayList<>(8);
  private int generation;
  /** The live stream of this generation can no longer be followed (a second attempt published). */
  private boolean broken;
  private @Nullable Object publisher;

  Flight(Flights owner, CacheKey key) {
    this.owner = owner;
    this.key = key;
  }

  /** The flights in progress, by key. Thread-safe. */
  public static final class Flights {
    private final ConcurrentHashMap<CacheKey, Flight> flights = new ConcurrentHashMap<>();

    /** Joins the flight for {@code key}; {@code leader[0]} says whether the caller starts it. */
    public Flight join(CacheKey key, boolean[] leader) {
      Flight mine = new Flight(this, key);
      Flight f = flights.putIfAbsent(key, mine);
      leader[0] = f == null;
      return f == null ? mine : f;
    }

    /** The number of flights in progress (tests, metrics). */
    public int size() {
      return flights.size();
    }

    /** The requests waiting on a flight in progress (tests, metrics). */
    public int waiters() {
      int n = 0;
      for (Flight f : flights.values()) {
        n += f.waiting();
      }
      return n;
    }

    void remove(Flight f) {
      flights.remove(f.key, f);
    }
  }

  /**
   * Waits as a follower until the leader answers, fails or hands on, or {@code cancelled} is
   * set (through {@link #wakeUp()}); a streaming follower ({@code live}) also wakes as soon as the
   * leader's stream has published its first chunk ({@link Wake#STREAMING}).
   */
  public Wake await(BooleanSupplier cancelled, boolean live) {
    lock.lock();
    try {
      waiting++;
      try {
        while (true) {
          if (done) {
            return answer != null ? Wake.ANSWERED : Wake.FAILED;
          }
          if (leaderless) {
            leaderless = false;
            return Wake.LEADER;
          }
          if (cancelled.getAsBoolean()) {
            return Wake.CANCELLED;
          }
          if (live && !broken && !this.live.isEmpty()) {
            return Wake.STREAMING;
          }
          changed.awaitUninterruptibly();
        }
      } finally {
        waiting--;
      }
    } finally {
      lock.unlock();
    }
  }

  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the waiters and readers to re-check (a request was cancelled). */
  public void wakeUp() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A stream attempt of the leader starts, recording through {@code recorder}. The first one to
   * publish owns the live stream; any later one, once chunks went out, breaks it.
   */
  public void attempt(Object recorder) {
    lock.lock();
    try {
      if (live.isEmpty()) {
        publisher = recorder;
      } else if (publisher != recorder) {
        breakLive();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The leader's stream passed {@code chunk} (scanned, still masked): readers may take it now. */
  public void publish(Object recorder, ChatChunk chunk) {
    lock.lock();
    try {
      if (broken || done) {
        return;
      }
      if (publisher != recorder) {
        if (live.isEmpty()) {
          publisher = recorder;
        } else {
          breakLive();
          return;
        }
      }
      live.add(chunk);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void breakLive() {
    broken = true;
    changed.signalAll();
  }

  /**
   * Reads the current live stream from its first chunk, for a waiter woken with
   * {@link Wake#STREAMING}. {@code cancelled} is the reader's own request's cancellation.
   */
  public ChunkSource reader(BooleanSupplier cancelled) {
    lock.lock();
    try {
      return new Reader(generation, cancelled);
    } finally {
      lock.unlock();
    }
  }

  /** One waiter's position in the live stream; pulled by that waiter's thread only. */
  private final class Reader implements ChunkSource {
    private final int gen;
    private final BooleanSupplier cancelled;
    private int next;

    Reader(int gen, BooleanSupplier cancelled) {
      this.gen = gen;
      this.cancelled = cancelled;
    }

    @Override
    public @Nullable ChatChunk next() {
      lock.lock();
      try {
        while (true) {
          if (gen != generation || broken) {
            throw new GatewayException(ErrorKind.UNAVAILABLE,
                "the upstream stream this request shared with an identical one was restarted; retry", true, null);
          }
          if (next < live.size()) {
            return live.get(next++);
          }
          if (done) {
            if (answer != null) {
              return null;
            }
            GatewayException e = error;
            throw e != null ? new GatewayException(e.kind(), e.getMessage(), e.retryable(), e)
                : new GatewayException(ErrorKind.INTERNAL, "the shared stream ended without an answer");
          }
          if (cancelled.getAsBoolean()) {
            throw new GatewayException(ErrorKind.CANCELLED,
                "the request was cancelled while following an identical one's stream");
          }
          changed.awaitUninterruptibly();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** The answer, after {@link Wake#ANSWERED}. */
  public CacheCodec.Entry answer() {
    CacheCodec.Entry a = answer;
    if (a == null) {
      throw new IllegalStateException("the flight has no answer");
    }
    return a;
  }

  /** The leader's error, after {@link Wake#FAILED}. */
  public GatewayException error() {
    GatewayException e = error;
    if (e == null) {
      throw new IllegalStateException("the flight has no error");
    }
    return e;
  }

  /** The leader answered: every waiter gets this answer, every reader the rest of the stream. */
  public void complete(CacheCodec.Entry entry) {
    finish(entry, null);
  }

  /** The leader failed: every waiter gets this error, every reader after the chunks it was given. */
  public void fail(GatewayException e) {
    finish(null, e);
  }

  /**
   * The leader was cancelled by its own caller: one waiter takes over; with nobody waiting the
   * flight ends, and the next identical request starts a new one. Readers of the cancelled
   * leader's stream end with a retryable error: the new leader's stream is another one.
   */
  public void handOff() {
    lock.lock();
    try {
      if (!live.isEmpty() || broken) {
        generation++;
        live = new ArrayList<>(8);
        broken = false;
        publisher = null;
        changed.signalAll();
      }
      if (waiting > 0) {
        leaderless = true;
        changed.signalAll();
        return;
      }
      done = true;
      error = new GatewayException(ErrorKind.CANCELLED, "the coalesced request was cancelled");
    } finally {
      lock.unlock();
    }
    owner.remove(this);
  }

  private void finish(CacheCodec.@Nullable Entry entry, @Nullable GatewayException e) {
    owner.remove(this); // later arrivals find the stored entry, or start afresh
    lock.lock();
    try {
      done = true;
      answer = entry;
      error = e;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
