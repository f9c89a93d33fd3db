package dev.aegis.providers.azure;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link AzureOpenAiProvider}s from configuration of type {@code azure-openai}; registered
 * through {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public final class AzureOpenAiProviderFactory implements ProviderFactory {
  /** The configuration type name. */
  public static final String TYPE = "azure-openai";

  @Override
  public SettingsSpec settings() {
    return ProviderSettings.http(
        ProviderSettings.string("deployment", "The deployment to call; else the target's model names it."),
        ProviderSettings.string("apiVersion", "The api-version query parameter.", AzureOpenAiProvider.DEFAULT_API_VERSION),
        ProviderSettings.string("resource", "The Azure resource name, when no baseUrl is given."));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return AzureOpenAiProvider.create(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return AzureOpenAiProvider.create(config, context);
  }
}
