package dev.aegis.providers.openai;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link OpenAiProvider}s from configuration of type {@code openai}; registered through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public final class OpenAiProviderFactory implements ProviderFactory {
  /** The configuration type name. */
  public static final String TYPE = "openai";

  @Override
  public SettingsSpec settings() {
    return ProviderSettings.http(
        ProviderSettings.string("organization", "Sent as OpenAI-Organization on every request."),
        ProviderSettings.string("project", "Sent as OpenAI-Project on every request."));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return OpenAiProvider.create(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return OpenAiProvider.create(config, context);
  }
}
