package dev.aegis.examples.serving;

/**
 * A started example server: its port, and {@link #close()} to stop it.
 *
 * <p>Thread-safe.
 */
public interface RunningServer extends AutoCloseable {
  /** The port the server listens on (the chosen one when started on port 0). */
  int port();

  /** Stops the server; idempotent. */
  @Override
  void close();

  /** A running server on {@code port} that {@code stop} stops. */
  static RunningServer of(int port, Runnable stop) {
    java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    return new RunningServer() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        if (stopped.compareAndSet(false, true)) stop.run();
      }
    };
  }
}
