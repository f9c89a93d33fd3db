package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.core.resilience.RetryBudget;

/**
 * One target's retry budget over a sliding window on the injected ticker: every call that reaches
 * the target deposits a request; a retry or a hedge is made only if, counting it, retries and
 * hedges stay within {@code ratio} of the window's requests plus the per-window minimum. The
 * window is ten slots, so it slides in tenths. Guarded by its monitor: a few array operations,
 * never I/O.
 */
final class RetryBudgetState {
  private static final int SLOTS = 10;

  private final RetryBudget policy;
  private final Ticker ticker;
  private final long slotNanos;
  private final long[] requests = new long[SLOTS];
  private final long[] retries = new long[SLOTS];
  private long currentSlot = Long.MIN_VALUE;

  RetryBudgetState(RetryBudget policy, Ticker ticker) {
    this.policy = policy;
    this.ticker = ticker;
    this.slotNanos = Math.max(1, policy.window().toNanos() / SLOTS);
  }

  RetryBudget budget() {
    return policy;
  }

  /** A call reached the target. */
  synchronized void onRequest() {
    requests[advance()]++;
  }

  /** Takes one retry (or hedge) from the budget; {@code false} when it is spent. */
  synchronized boolean tryRetry() {
    int slot = advance();
    long inWindow = 0;
    long retried = 0;
    for (int i = 0; i < SLOTS; i++) {
      inWindow += requests[i];
      retried += retries[i];
    }
    if (retried + 1 > (long) Math.floor(policy.ratio() * inWindow) + policy.minPerWindow()) {
      return false;
    }
    retries[slot]++;
    return true;
  }

  /** Moves the window to now, clearing the slots that slid out; returns the current slot. */
  private int advance() {
    long slot = Math.floorDiv(ticker.read(), slotNanos);
    if (currentSlot == Long.MIN_VALUE || slot - currentSlot >= SLOTS) {
      java.util.Arrays.fill(requests, 0);
      java.util.Arrays.fill(retries, 0);
    } else {
      for (long s = currentSlot + 1; s <= slot; s++) {
        int i = (int) Math.floorMod(s, SLOTS);
        requests[i] = 0;
        retries[i] = 0;
      }
    }
    currentSlot = Math.max(currentSlot, slot);
    return (int) Math.floorMod(currentSlot, SLOTS);
  }
}
