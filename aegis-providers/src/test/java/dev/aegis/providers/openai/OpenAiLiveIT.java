package dev.aegis.providers.openai;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Opt-in live test against api.openai.com: runs only when OPENAI_API_KEY is set (model: OPENAI_MODEL, default gpt-4.1-mini). */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
class OpenAiLiveIT {
  @Test
  void chatAndStream() {
    try (OpenAiProvider p = OpenAiProvider.create(ProviderConfig.builder("openai-live", "openai")
        .credentials(CredentialProvider.fromEnv("OPENAI_API_KEY")).build())) {
      LiveChecks.chatAndStream(p, System.getenv().getOrDefault("OPENAI_MODEL", "gpt-4.1-mini"));
    }
  }
}
