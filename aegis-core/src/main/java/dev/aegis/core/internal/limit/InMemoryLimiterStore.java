package dev.aegis.core.internal.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.aegis.api.Ticker;
import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.limit.RateLimit;
import java.math.BigInteger;
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
    long limitRequests = -1;
    long remainingRequests = Long.MAX_VALUE;
    long resetRequests = 0;
    long limitTokens = -1;
    long remainingTokens = Long.MAX_VALUE;
    long resetTokens = 0;
    List<LimitCheck> checks = request.checks();
    for (int i = 0; i < checks.size(); i++) {
      RateLimit limit = checks.get(i).limit();
      if (limit.kind() == RateLimit.Kind.CONCURRENT) {
        continue;
      }
      Long v = counters.getIfPresent(keys[i]);
      long backlog = v == null ? 0 : Math.max(0, v - now);
      long period = limit.per().toNanos();
      long remaining = remaining(period - backlog, period, limit.amount());
      if (limit.kind() == RateLimit.Kind.REQUESTS) {
        if (remaining < remainingRequests) {
          remainingRequests = remaining;
          limitRequests = limit.amount();
          resetRequests = backlog;
        }
      } else if (remaining < remainingTokens) {
        remainingTokens = remaining;
        limitTokens = limit.amount();
        resetTokens = backlog;
      }
    }
    if (limitRequests < 0 && limitTokens < 0) {
      return LimitStatus.NONE;
    }
    return new LimitStatus(limitRequests, limitRequests < 0 ? -1 : remainingRequests, Duration.ofNanos(resetRequests),
        limitTokens, limitTokens < 0 ? -1 : remainingTokens, Duration.ofNanos(resetTokens));
  }

  /** {@code cost · period / amount} in nanoseconds, exact without overflow. */
  static long share(long cost, long period, long amount) {
    long hi = Math.multiplyHigh(cost, period);
    if (hi == 0 && cost * period >= 0) {
      return cost * period / amount;
    }
    return BigInteger.valueOf(cost).multiply(BigInteger.valueOf(period)).divide(BigInteger.valueOf(amount))
        .longValueExact();
  }

  /** Units that fit into {@code free} nanoseconds of a limit of {@code amount} per {@code period}. */
  private static long remaining(long free, long period, long amount) {
    if (free <= 0) {
      return 0;
    }
    long hi = Math.multiplyHigh(free, amount);
    if (hi == 0 && free * amount >= 0) {
      return free * amount / period;
    }
    return BigInteger.valueOf(free).multiply(BigInteger.valueOf(amount)).divide(BigInteger.valueOf(period))
        .longValueExact();
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
