package dev.aegis.providers.bedrock;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.providers.internal.ProviderSettings;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link BedrockProvider}s from configuration (type {@code bedrock}); registered through
 * {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe and stateless.
 */
public final class BedrockProviderFactory implements ProviderFactory {

  @Override
  public SettingsSpec settings() {
    return ProviderSettings.http(
        ProviderSettings.string("region", "The AWS region, e.g. eu-west-1; else AWS_REGION."),
        ProviderSettings.secret("accessKeyId", "The AWS access key id, with secretAccessKey; else the AWS_* environment."),
        ProviderSettings.secret("secretAccessKey", "The AWS secret access key, with accessKeyId."),
        ProviderSettings.secret("sessionToken", "The AWS session token of temporary access keys."));
  }

  @Override
  public String type() {
    return BedrockProvider.TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return new BedrockProvider(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return new BedrockProvider(config, context);
  }
}
