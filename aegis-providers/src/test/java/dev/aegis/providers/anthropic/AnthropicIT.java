package dev.aegis.providers.anthropic;

import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.testing.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Live test against api.anthropic.com; runs only with ANTHROPIC_API_KEY set (model: ANTHROPIC_MODEL or claude-haiku-4-5). */
@EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
class AnthropicIT {
  @Test
  void chatAndStream() {
    try (AnthropicProvider p = new AnthropicProvider(ProviderConfig.builder("anthropic", "anthropic").build())) {
      String model = System.getenv().getOrDefault("ANTHROPIC_MODEL", "claude-haiku-4-5");
      LiveChecks.chatAndStream(p, model);
    }
  }
}
