package dev.aegis.core.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A target's latency: an exponentially weighted moving average (for least-latency routing) and
 * the last 64 samples (for a hedge delay at the observed p95). Lock-free.
 */
final class LatencyTracker {
  private static final double ALPHA = 0.2;
  private static final int SAMPLES = 64;

  private final AtomicLong ewmaBits = new AtomicLong(Double.doubleToRawLongBits(Double.NaN));
  private final AtomicLongArray samples = new AtomicLongArray(SAMPLES);
  private final AtomicInteger next = new AtomicInteger();

  void record(long nanos) {
    long prev;
    long updated;
    do {
      prev = ewmaBits.get();
      double old = Double.longBitsToDouble(prev);
      double value = Double.isNaN(old) ? nanos : old + ALPHA * (nanos - old);
      updated = Double.doubleToRawLongBits(value);
    } while (!ewmaBits.compareAndSet(prev, updated));
    samples.set(Math.floorMod(next.getAndIncrement(), SAMPLES), nanos);
  }

  /** The moving average in nanoseconds, or NaN before the first sample. */
  double ewma() {
    return Double.longBitsToDouble(ewmaBits.get());
  }

  /** The 95th percentile of the recent samples, or {@code fallback} with fewer than 5 samples. */
  long p95(long fallback) {
    int n = Math.min(next.get(), SAMPLES);
    if (n < 5) {
      return fallback;
    }
    long[] copy = new long[n];
    for (int i = 0; i < n; i++) {
      copy[i] = samples.get(i);
    }
    Arrays.sort(copy);
    return copy[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)];
  }
}
