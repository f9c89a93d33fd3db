package dev.aegis.providers.compat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Opt-in live test against Groq: runs only when GROQ_API_KEY is set (model: GROQ_MODEL, default llama-3.3-70b-versatile). */
@EnabledIfEnvironmentVariable(named = "GROQ_API_KEY", matches = ".+")
class GroqLiveIT {
  @Test
  void chatAndStream() {
    try (OpenAiCompatibleProvider p = OpenAiCompatibleProvider.create(Preset.GROQ, ProviderConfig.builder("groq-live", "groq")
        .credentials(CredentialProvider.fromEnv("GROQ_API_KEY")).build())) {
      LiveChecks.chatAndStream(p, System.getenv().getOrDefault("GROQ_MODEL", "llama-3.3-70b-versatile"));
    }
  }
}
