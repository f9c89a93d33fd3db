package dev.aegis.providers.ollama;

import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Opt-in live test against a running Ollama: runs only when OLLAMA_BASE_URL is set (model: OLLAMA_MODEL, default llama3.2). */
@EnabledIfEnvironmentVariable(named = "OLLAMA_BASE_URL", matches = ".+")
class OllamaLiveIT {
  @Test
  void chatAndStream() {
    try (OllamaProvider p = OllamaProvider.create(ProviderConfig.builder("ollama-live", "ollama")
        .baseUrl(System.getenv("OLLAMA_BASE_URL")).build())) {
      LiveChecks.chatAndStream(p, System.getenv().getOrDefault("OLLAMA_MODEL", "llama3.2"));
    }
  }
}
