package dev.aegis.core.resilience;

import java.time.Duration;

/**
 * Waits between retries. The default waits on the gateway's scheduler and wakes early when the
 * request is cancelled; tests inject one that advances a fake ticker instead of waiting.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}, or less if {@code cancelled} becomes true.
   *
   * @param cancelled polled cheaply by implementations that wait in slices; the default
   *     implementation is woken by the cancel signal itself
   */
  void sleep(Duration duration, java.util.function.BooleanSupplier cancelled) throws InterruptedException;
}
