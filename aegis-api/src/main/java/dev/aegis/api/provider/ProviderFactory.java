package dev.aegis.api.provider;

/**
 * Creates {@link Provider} instances of one type from configuration. Registered through
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.aegis.api.provider.ProviderFactory}
 * entry), so configuration can name providers by {@link #type()}.
 *
 * <p>A gateway creates its providers with {@link #create(ProviderConfig, ProviderContext)}, passing
 * one {@link ProviderContext} for all of them, so the built-in HTTP adapters share one connection
 * pool and dispatcher per gateway. A factory that shares nothing implements only the one-argument
 * form: the two-argument form defaults to it.
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface ProviderFactory extends dev.aegis.api.config.Configurable {

  /** The type name used in configuration, e.g. {@code "openai"}, {@code "anthropic"}, {@code "mock"}. */
  @Override
  String type();

  /**
   * The type-specific options this factory reads from {@link ProviderConfig#options()}, declared
   * so a configuration file can write them beside the common provider settings and have them
   * validated and documented. Empty by default.
   */
  @Override
  default dev.aegis.api.config.SettingsSpec settings() {
    return dev.aegis.api.config.SettingsSpec.empty();
  }

  /**
   * Creates a stand-alone instance that owns every resource it uses (for the HTTP adapters: its own
   * connection pool, released by {@link Provider#close()}).
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Provider create(ProviderConfig config);

  /**
   * Creates an instance that takes its shared resources from {@code context} (created there on
   * first use, closed with the context, not by {@link Provider#close()}). Defaults to
   * {@link #create(ProviderConfig)}.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  default Provider create(ProviderConfig config, ProviderContext context) {
    return create(config);
  }
}
