package dev.aegis.providers.gemini;

import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.testing.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Live test against the Generative Language API; runs only with GEMINI_API_KEY or GOOGLE_API_KEY set. */
class GeminiIT {
  @Test
  @EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
  void withGeminiKey() {
    run();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "GOOGLE_API_KEY", matches = ".+")
  void withGoogleKey() {
    run();
  }

  private static void run() {
    try (GeminiProvider p = new GeminiProvider(ProviderConfig.builder("gemini", "gemini").build())) {
      LiveChecks.chatAndStream(p, System.getenv().getOrDefault("GEMINI_MODEL", "gemini-2.5-flash"));
    }
  }
}
