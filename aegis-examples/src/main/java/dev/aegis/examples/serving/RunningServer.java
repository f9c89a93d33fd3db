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
}
