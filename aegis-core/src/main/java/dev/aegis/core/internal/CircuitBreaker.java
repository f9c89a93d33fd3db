package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.event.CircuitStateChanged.State;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A target's circuit breaker, driven by the injected {@link Ticker} so tests move time by hand.
 * The lock guards a few field updates only (never I/O); CLOSED admission is a volatile read.
 */
final class CircuitBreaker {
  interface Listener {
    void changed(State from, State to);
  }

  private final CircuitBreakerPolicy policy;
  private final Ticker ticker;
  private final Listener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final boolean[] window;
  private volatile State state = State.CLOSED;
  private int windowIndex;
  private int windowCount;
  private int windowFailures;
  private int consecutive;
  private long openedAt;
  private int probesInFlight;
  private int probeSuccesses;

  CircuitBreaker(CircuitBreakerPolicy policy, Ticker ticker, Listener listener) {
    this.policy = policy;
    this.ticker = ticker;
    this.listener = listener;
    this.window = new boolean[policy.window()];
  }

  State state() {
    return state;
  }

  /** The share of failures in the recent window (0 when empty); for the health report. */
  double errorRate() {
    lock.lock();
    try {
      return windowCount == 0 ? 0 : (double) windowFailures / windowCount;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a call would be admitted now, without taking a probe slot. */
  boolean isCallPermitted() {
    State s = state;
    if (s == State.CLOSED) {
      return true;
    }
    lock.lock();
    try {
      if (state == State.OPEN) {
        return ticker.read() - openedAt >= policy.openDuration().toNanos();
      }
      return state == State.CLOSED || probesInFlight < policy.halfOpenProbes();
    } finally {
      lock.unlock();
    }
  }

  /** Admits a call (taking a probe slot when half-open); false when the circuit rejects it. */
  boolean tryAcquire() {
    if (state == State.CLOSED) {
      return true;
    }
    State from = null;
    boolean admitted;
    lock.lock();
    try {
      if (state == State.OPEN && ticker.read() - openedAt >= policy.openDuration().toNanos()) {
        from = State.OPEN;
        state = State.HALF_OPEN;
        probesInFlight = 0;
        probeSuccesses = 0;
      }
      if (state == State.CLOSED) {
        admitted = true;
      } else if (state == State.HALF_OPEN && probesInFlight < policy.halfOpenProbes()) {
        probesInFlight++;
        admitted = true;
      } else {
        admitted = false;
      }
    } finally {
      lock.unlock();
    }
    if (from != null) {
      listener.changed(from, State.HALF_OPEN);
    }
    return admitted;
  }

  void onSuccess() {
    State from = null;
    lock.lock();
    try {
      consecutive = 0;
      if (state == State.HALF_OPEN) {
        probesInFlight = Math.max(0, probesInFlight - 1);
        if (++probeSuccesses >= policy.halfOpenProbes()) {
          from = State.HALF_OPEN;
          close();
        }
      } else {
        record(false);
      }
    } finally {
      lock.unlock();
    }
    if (from != null) {
      listener.changed(from, State.CLOSED);
    }
  }

  /** Records a failed call; errors that say nothing about the target's health are ignored. */
  void onFailure(GatewayException error) {
    if (!countsAsFailure(error)) {
      onIgnored();
      return;
    }
    State from = null;
    lock.lock();
    try {
      if (state == State.HALF_OPEN) {
        from = State.HALF_OPEN;
        open();
      } else if (state == State.CLOSED) {
        consecutive++;
        record(true);
        boolean rate = windowCount >= policy.minimumRequests() && windowCount > 0
            && (double) windowFailures / windowCount >= policy.failureRateThreshold();
        if (consecutive >= policy.consecutiveFailures() || rate) {
          from = State.CLOSED;
          open();
        }
      }
    } finally {
      lock.unlock();
    }
    if (from != null) {
      listener.changed(from, State.OPEN);
    }
  }

  /** Releases a probe slot without judging the target (a cancelled or client-caused failure). */
  void onIgnored() {
    if (state != State.HALF_OPEN) {
      return;
    }
    lock.lock();
    try {
      probesInFlight = Math.max(0, probesInFlight - 1);
    } finally {
      lock.unlock();
    }
  }

  private boolean countsAsFailure(GatewayException e) {
    if (e instanceof StreamException) {
      return true;
    }
    if (e instanceof ProviderException) {
      int s = ((ProviderException) e).status();
      if (s == 429) {
        return policy.countRateLimits();
      }
      return e.retryable();
    }
    return e.kind() == dev.aegis.api.error.ErrorKind.TIMEOUT;
  }

  private void record(boolean failure) {
    if (windowCount == window.length) {
      if (window[windowIndex]) {
        windowFailures--;
      }
    } else {
      windowCount++;
    }
    window[windowIndex] = failure;
    if (failure) {
      windowFailures++;
    }
    windowIndex = (windowIndex + 1) % window.length;
  }

  private void open() {
    state = State.OPEN;
    openedAt = ticker.read();
    probesInFlight = 0;
    probeSuccesses = 0;
  }

  private void close() {
    state = State.CLOSED;
    consecutive = 0;
    windowCount = 0;
    windowFailures = 0;
    windowIndex = 0;
  }
}
