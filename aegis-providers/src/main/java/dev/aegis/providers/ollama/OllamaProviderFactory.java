package dev.aegis.providers.ollama;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link OllamaProvider}s from configuration of type {@code ollama}; registered through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public final class OllamaProviderFactory implements ProviderFactory {
  /** The configuration type name. */
  public static final String TYPE = "ollama";

  @Override
  public SettingsSpec settings() {
    return ProviderSettings.TRANSPORT;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return OllamaProvider.create(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return OllamaProvider.create(config, context);
  }
}
