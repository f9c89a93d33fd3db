package dev.aegis.api.config;

import dev.aegis.api.AiGateway;
import dev.aegis.api.Ticker;
import java.time.Clock;

/**
 * What a factory may use while it creates its object from configuration: the gateway's time, the
 * named stores of the file, and the gateway itself for plugins that call back into it (the
 * semantic cache embeds through it).
 *
 * <p>Thread-safe.
 */
public interface ConfigContext {

  /** The gateway's monotonic time source. */
  Ticker ticker();

  /** The gateway's wall clock. */
  Clock clock();

  /**
   * The stores the file names {@code name}, or the built-in in-memory stores for
   * {@code "memory"}.
   *
   * @throws dev.aegis.api.error.ConfigException when no store has that name
   */
  Stores stores(String name);

  /**
   * The gateway being configured. Only usable once it is built: call it from a request, never
   * from {@code create}.
   *
   * @throws IllegalStateException before the gateway is built
   */
  AiGateway gateway();
}
