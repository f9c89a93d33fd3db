package dev.aegis.providers.azure;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in live test against Azure OpenAI: runs only when AZURE_OPENAI_API_KEY is set, with
 * AZURE_OPENAI_ENDPOINT (https://{resource}.openai.azure.com) and AZURE_OPENAI_DEPLOYMENT.
 */
@EnabledIfEnvironmentVariable(named = "AZURE_OPENAI_API_KEY", matches = ".+")
class AzureOpenAiLiveIT {
  @Test
  void chatAndStream() {
    try (AzureOpenAiProvider p = AzureOpenAiProvider.create(ProviderConfig.builder("azure-live", "azure-openai")
        .baseUrl(System.getenv("AZURE_OPENAI_ENDPOINT"))
        .credentials(CredentialProvider.fromEnv("AZURE_OPENAI_API_KEY")).build())) {
      LiveChecks.chatAndStream(p, System.getenv("AZURE_OPENAI_DEPLOYMENT"));
    }
  }
}
