package dev.aegis.providers.anthropic;

import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.providers.internal.ProviderSettings;
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
  public SettingsSpec settings() {
    return ProviderSettings.http(
        ProviderSettings.string("version", "The anthropic-version header.", AnthropicProvider.DEFAULT_VERSION),
        Setting.builder("maxTokens", SettingType.INTEGER).doc("max_tokens for requests that set none.")
            .defaultValue(String.valueOf(AnthropicProvider.DEFAULT_MAX_TOKENS)).min(0, true).build(),
        Setting.builder("cacheSystemPrompt", SettingType.BOOLEAN)
            .doc("Marks the system prompt as a prompt-cache breakpoint.").defaultValue("false").build());
  }

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
