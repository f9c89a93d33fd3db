package dev.aegis.api.internal;

/**
 * A short, bounded busy-wait before a thread parks, for the blocking stream iterator's consumer
 * thread (the caller's own thread, which chose to block). The stream's producer does not spin:
 * it serves many streams at once and its consumer may be an event loop that needs the CPU.
 *
 * <p>A park and the unpark that ends it cost a futex call on each side and a context switch of the parked thread (tens of microseconds on a loaded machine); a stream's two threads
 * usually wait on each other for much less than that (the consumer drains a batch, the
 * producer makes a chunk). Spinning for up to {@value #SPIN_NANOS} ns lets the waiter see the
 * change without either call; past that the waiter parks as before. On a single CPU spinning
 * only delays the thread it waits for, so it is switched off there. The JDK's own
 * {@code SynchronousQueue} and {@code Exchanger} spin before parking for the same reason.
 *
 * <pre>{@code
 * long spun = SpinWait.start();
 * while (!ready()) {
 *   if (!SpinWait.again(spun)) { park(); }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe. Not public API.
 */
public final class SpinWait {
  /**
   * How long a waiter spins before it parks: longer than a chunk takes to make or to take (well
   * under a microsecond each), shorter than the CPU a spinner wastes when the thread it waits
   * for is not running (a loaded machine) should be.
   */
  static final long SPIN_NANOS = 5_000;
  private static final boolean ENABLED = Runtime.getRuntime().availableProcessors() > 1;

  private SpinWait() {}

  /** The reading that {@link #again} measures the spin from. */
  public static long start() {
    return System.nanoTime();
  }

  /**
   * Spins once and returns {@code true} while the wait begun at {@code start} is still short
   * enough to spin; {@code false} once the caller should park.
   */
  public static boolean again(long start) {
    if (!ENABLED || System.nanoTime() - start > SPIN_NANOS) {
      return false;
    }
    Thread.onSpinWait();
    return true;
  }
}
