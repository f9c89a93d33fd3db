package dev.aegis.api.config;

import dev.aegis.api.plugin.Plugin;

/**
 * Creates a {@link Plugin} from its settings in a configuration file's {@code plugins} list
 * ({@code - type: my-audit}). Registered through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.aegis.api.config.PluginFactory}, or {@code provides} in a module).
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface PluginFactory extends Configurable {

  /**
   * Creates the plugin.
   *
   * @param settings the validated settings, defaults applied
   * @param context the gateway's time, its stores and itself (for plugins that call back into it)
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Plugin create(Settings settings, ConfigContext context);
}
