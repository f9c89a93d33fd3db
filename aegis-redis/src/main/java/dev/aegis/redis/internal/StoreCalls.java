package dev.aegis.redis.internal;

import dev.aegis.redis.FailureMode;
import dev.aegis.redis.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The failure rule of one store: a call that fails (Redis down, timed out, or refusing) is
 * counted, logged once when the store goes down and once when it answers again, and then either
 * refused with {@link StoreUnavailableException} (fail-closed) or answered by the fail-open
 * fallback. Nothing here reconnects: the next call borrows a fresh pooled connection.
 *
 * <p>Thread-safe.
 */
public final class StoreCalls {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aegis.redis");

  private final String store;
  private final FailureMode mode;
  private final AtomicLong failures = new AtomicLong();
  private final Runnable dropIdle;
  private volatile boolean down;

  /**
   * @param dropIdle drops the pool's idle connections, so that after a Redis restart the next call
   *     opens a fresh one instead of failing once more on each stale connection
   */
  public StoreCalls(String store, FailureMode mode, Runnable dropIdle) {
    this.store = store;
    this.mode = mode;
    this.dropIdle = dropIdle;
  }

  /** Runs {@code op}; on a Redis failure returns {@code open} (fail-open) or throws (fail-closed). */
  public <T> T run(Supplier<T> op, Supplier<T> open) {
    T result;
    try {
      result = op.get();
    } catch (JedisException e) {
      return failed(e, open);
    }
    answered();
    return result;
  }

  /** Records a successful call (logs the recovery after an outage). */
  public void answered() {
    if (down) {
      down = false;
      LOG.info("Redis {} store answers again after {} failed calls", store, failures.get());
    }
  }

  /** Counts and logs a failure, then applies the mode. */
  public <T> T failed(JedisException e, Supplier<T> open) {
    failures.incrementAndGet();
    try {
      dropIdle.run();
    } catch (RuntimeException ignored) {
      // the pool is closing; the failure is what matters
    }
    if (!down) {
      down = true;
      LOG.warn("Redis {} store unavailable ({}); requests are {} until it answers", store,
          e.getClass().getSimpleName(), mode == FailureMode.FAIL_OPEN ? "served without it" : "refused");
    }
    if (mode == FailureMode.FAIL_OPEN) {
      return open.get();
    }
    throw unavailable(e);
  }

  public StoreUnavailableException unavailable(Throwable cause) {
    return new StoreUnavailableException(store, "the " + store + " store (Redis) is unavailable, so the request"
        + " was refused before any provider was called; it is retried on the next request", cause);
  }

  public String store() {
    return store;
  }

  public FailureMode mode() {
    return mode;
  }

  /** Calls that failed since the store was built. */
  public long failures() {
    return failures.get();
  }
}
