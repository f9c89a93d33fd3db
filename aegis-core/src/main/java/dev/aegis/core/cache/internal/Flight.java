package dev.aegis.core.cache.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.error.GatewayException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One upstream call shared by identical cacheable requests in flight at once (request
 * coalescing): the first request is the leader and calls the provider; the others wait for its
 * answer or its error. A waiter that is cancelled just stops waiting (the leader belongs to its
 * own caller and goes on); a leader cancelled by its caller hands the call on to one waiter,
 * which then calls the provider itself.
 *
 * <p>Thread-safe. The lock guards a few fields; nobody holds it while calling out.
 */
public final class Flight {
  /** What a waiter got. */
  public enum Wake { ANSWERED, FAILED, LEADER, CANCELLED }

  private final Flights owner;
  private final CacheKey key;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int waiting;
  private boolean leaderless;
  private boolean done;
  private CacheCodec.@Nullable Entry answer;
  private @Nullable GatewayException error;

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
   * set (through {@link #wakeUp()}).
   */
  public Wake await(java.util.function.BooleanSupplier cancelled) {
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

  /** Wakes the waiters to re-check (a waiter's request was cancelled). */
  public void wakeUp() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
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

  /** The leader answered: every waiter gets this answer. */
  public void complete(CacheCodec.Entry entry) {
    finish(entry, null);
  }

  /** The leader failed: every waiter gets this error. */
  public void fail(GatewayException e) {
    finish(null, e);
  }

  /**
   * The leader was cancelled by its own caller: one waiter takes over; with nobody waiting the
   * flight ends, and the next identical request starts a new one.
   */
  public void handOff() {
    lock.lock();
    try {
      if (waiting > 0) {
        leaderless = true;
        changed.signalAll();
        return;
      }
      done = true;
      error = new GatewayException(dev.aegis.api.error.ErrorKind.CANCELLED, "the coalesced request was cancelled");
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
