package dev.aegis.core.internal.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.aegis.api.Ticker;
import dev.aegis.api.internal.Gcra;
import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;


/**
 * The default {@link LimiterStore}: GCRA counters in a Caffeine cache on the gateway's ticker.
 *
 * <p>A rate counter is its theoretical arrival time (TAT): a request costing {@code c} against
 * {@code N} per {@code P} moves it to {@code max(TAT, now) + c·P/N} and is admitted if that is at
 * most {@code P} ahead of now; otherwise it would be admitted {@code max(TAT, now) + c·P/N - P}
 * from now, which is its retry-after. A counter expires when it is whole again, a concurrency
 * counter when it is back to zero, so idle scopes cost nothing.
 *
 * <p>All counters of one request live in one partition (its tenant); one lock per partition
 * stripe makes the check of every scope and the consumption of all of them (or none) one atomic
 * step, as the Redis store's one script per request does. The critical section is a few
 * arithmetic operations and map writes, no I/O.
 */
public final class InMemoryLimiterStore implements LimiterStore {
  private static final int STRIPES = 64;

  private final Ticker ticker;
  private final Cache<CounterKey, Long> counters;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public InMemoryLimiterStore(Ticker ticker) {
    this.ticker = ticker;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    // a value is a rate counter's TAT (positive expiry until it is reached) or, for a concurrency
    // counter, the count with its sign flipped (negative: no expiry while in use)
    this.counters = Caffeine.newBuilder()
        .ticker(ticker::read)
        .executor(Runnable::run)
        .expireAfter(new Expiry<CounterKey, Long>() {
          @Override
          public long expireAfterCreate(CounterKey key, Long value, long currentTime) {
            return value < 0 ? Long.MAX_VALUE : Math.max(1, value - currentTime);
          }

          @Override
          public long expireAfterUpdate(CounterKey key, Long value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(CounterKey key, Long value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  public LimitDecision acquire(LimitRequest request) {
    List<LimitCheck> checks = request.checks();
    ReentrantLock lock = lock(request.partition());
    lock.lock();
    try {
      long now = ticker.read();
      int n = checks.size();
      CounterKey[] keys = new CounterKey[n];
      long[] next = new long[n];
      LimitCheck worst = null;
      long worstWait = -1;
      for (int i = 0; i < n; i++) {
        LimitCheck c = checks.get(i);
        keys[i] = key(request.partition(), c);
        Long v = counters.getIfPresent(keys[i]);
        RateLimit limit = c.limit();
        if (limit.kind() == RateLimit.Kind.CONCURRENT) {
          long inUse = v == null ? 0 : -v;
          if (inUse + c.cost() > limit.amount()) {
            if (worst == null) {
              worst = c;
              worstWait = 0;
            }
            continue;
          }
          next[i] = -(inUse + c.cost());
        } else {
          long period = limit.per().toNanos();
          long base = v == null ? now : Math.max(v, now);
          long tat = base + share(c.cost(), period, limit.amount());
          if (tat - now > period) {
            long wait = tat - period - now;
            if (wait > worstWait) { // the caller must wait for the slowest limit to admit it
              worst = c;
              worstWait = wait;
            }
            continue;
          }
          next[i] = tat;
        }
      }
      if (worst != null) {
        return LimitDecision.reject(worst, Duration.ofNanos(worstWait), status(request, keys, now));
      }
      for (int i = 0; i < n; i++) {
        counters.put(keys[i], next[i]);
      }
      return LimitDecision.admit(status(request, keys, now));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void settle(LimitRequest admitted, long actualTokens) {
    ReentrantLock lock = lock(admitted.partition());
    lock.lock();
    try {
      long now = ticker.read();
      for (LimitCheck c : admitted.checks()) {
        RateLimit limit = c.limit();
        CounterKey key = key(admitted.partition(), c);
        Long v = counters.getIfPresent(key);
        if (limit.kind() == RateLimit.Kind.CONCURRENT) {
          long inUse = (v == null ? 0 : -v) - c.cost();
          if (inUse > 0) {
            counters.put(key, -inUse);
          } else {
            counters.invalidate(key);
          }
        } else if (limit.kind() == RateLimit.Kind.TOKENS && actualTokens != c.cost()) {
          long period = limit.per().toNanos();
          long delta = actualTokens - c.cost();
          long shift = delta > 0 ? share(delta, period, limit.amount()) : -share(-delta, period, limit.amount());
          long tat = (v == null ? now : Math.max(v, now)) + shift;
          if (delta < 0 && v == null) {
            continue; // already whole: nothing to give back
          }
          if (tat > now) {
            counters.put(key, tat);
          } else {
            counters.invalidate(key);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** What remains of the tightest request and token limits, at {@code now}, under the lock. */
  private LimitStatus status(LimitRequest request, CounterKey[] keys, long now) {
    List<LimitCheck> checks = request.checks();
    long[] backlog = new long[checks.size()];
    for (int i = 0; i < backlog.length; i++) {
      Long v = checks.get(i).limit().kind() == RateLimit.Kind.CONCURRENT ? null : counters.getIfPresent(keys[i]);
      backlog[i] = v == null ? 0 : Math.max(0, v - now);
    }
    return Gcra.status(checks, backlog);
  }

  /** {@code cost · period / amount} in nanoseconds, exact without overflow. */
  static long share(long cost, long period, long amount) {
    return Gcra.share(cost, period, amount);
  }

  private ReentrantLock lock(String partition) {
    return locks[(partition.hashCode() & 0x7fffffff) % STRIPES];
  }

  private static CounterKey key(String partition, LimitCheck c) {
    return new CounterKey(partition, c.key());
  }

  /**
   * A counter's key: the partition and the check's key side by side, so making one (twice per
   * check and request: acquire and settle) costs one small object rather than a joined string.
   */
  private record CounterKey(String partition, String check) {}

  /** For tests: the number of live counters. */
  long size() {
    counters.cleanUp();
    return counters.estimatedSize();
  }

}
