package dev.aegis.api;

/**
 * A monotonic time source in nanoseconds, injected wherever the gateway measures elapsed time
 * (deadlines, circuit breakers, limiters, latency) so tests can drive time by hand and never sleep.
 *
 * <p>Only differences between two readings of the same ticker are meaningful, exactly as with
 * {@link System#nanoTime()}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** Returns the current reading in nanoseconds. */
  long read();

  /** The system ticker, backed by {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
