package dev.aegis.api.provider;

/**
 * Creates {@link Provider} instances of one type from configuration. Registered through
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.aegis.api.provider.ProviderFactory}
 * entry), so configuration can name providers by {@link #type()}.
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface ProviderFactory {

  /** The type name used in configuration, e.g. {@code "openai"}, {@code "anthropic"}, {@code "mock"}. */
  String type();

  /**
   * Creates an instance.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Provider create(ProviderConfig config);
}
