package dev.aegis.providers.gemini;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link GeminiProvider}s from configuration (type {@code gemini}); registered through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public final class GeminiProviderFactory implements ProviderFactory {

  @Override
  public SettingsSpec settings() {
    return ProviderSettings.TRANSPORT;
  }

  @Override
  public String type() {
    return GeminiProvider.TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return new GeminiProvider(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return new GeminiProvider(config, context);
  }
}
