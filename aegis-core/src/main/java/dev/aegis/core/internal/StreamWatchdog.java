package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Cancels one stream attempt whose first chunk is late (first-chunk timeout) or that falls silent
 * (idle timeout). It checks on the injected scheduler against the injected ticker, one task at a
 * time, never one task per chunk.
 *
 * <p>Thread-safe: chunks arrive on the attempt's thread, checks run on the scheduler's.
 */
final class StreamWatchdog {
  static final String FIRST_CHUNK_TIMEOUT = "first-chunk timeout";
  static final String IDLE_TIMEOUT = "idle timeout";

  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;
  private final CancelSignal attempt;
  private final @Nullable Duration firstChunkTimeout;
  private final @Nullable Duration idleTimeout;
  private volatile long lastChunk;
  private volatile boolean sawChunk;
  private volatile @Nullable ScheduledFuture<?> task;

  StreamWatchdog(Ticker ticker, ScheduledExecutorService scheduler, CancelSignal attempt,
      @Nullable Duration firstChunkTimeout, @Nullable Duration idleTimeout) {
    this.ticker = ticker;
    this.scheduler = scheduler;
    this.attempt = attempt;
    this.firstChunkTimeout = firstChunkTimeout;
    this.idleTimeout = idleTimeout;
    this.lastChunk = ticker.read();
    schedule(firstChunkTimeout != null ? firstChunkTimeout.toNanos() : idleTimeout != null ? idleTimeout.toNanos() : -1);
  }

  /** Notes a chunk; returns the ticker reading it was noted at. */
  long chunk() {
    long now = ticker.read();
    lastChunk = now;
    sawChunk = true;
    return now;
  }

  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void schedule(long delayNanos) {
    if (delayNanos > 0) {
      task = scheduler.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void check() {
    long silent = ticker.read() - lastChunk;
    Duration limit = sawChunk ? idleTimeout : firstChunkTimeout;
    if (limit == null) {
      if (!sawChunk && idleTimeout != null) {
        schedule(idleTimeout.toNanos());
      }
      return;
    }
    if (silent >= limit.toNanos()) {
      attempt.cancel(sawChunk ? IDLE_TIMEOUT : FIRST_CHUNK_TIMEOUT);
    } else {
      schedule(limit.toNanos() - silent);
    }
  }
}
