package dev.aegis.providers.anthropic;

import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;

/**
 * Creates {@link AnthropicProvider}s from configuration (type {@code anthropic}); registered
 * through {@link java.util.ServiceLoader}. See {@link AnthropicProvider} for the options.
 *
 * <p>Thread-safe and stateless.
 */
public final class AnthropicProviderFactory implements ProviderFactory {

  @Override
  public String type() {
    return AnthropicProvider.TYPE;
  }

  @Override
  public Provider create(ProviderConfig config) {
    return new AnthropicProvider(config);
  }

  /** Creates an instance on the gateway's shared connection pool. */
  @Override
  public Provider create(ProviderConfig config, ProviderContext context) {
    return new AnthropicProvider(config, context);
  }
}
