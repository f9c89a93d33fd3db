package dev.aegis.providers.bedrock;

import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.testing.LiveChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Live test against Bedrock; runs only with AWS_REGION and credentials in the environment
 * (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN] or AWS_BEARER_TOKEN_BEDROCK).
 * Model: BEDROCK_MODEL or us.amazon.nova-micro-v1:0.
 */
@EnabledIfEnvironmentVariable(named = "AWS_REGION", matches = ".+")
class BedrockIT {
  @Test
  @EnabledIfEnvironmentVariable(named = "AWS_ACCESS_KEY_ID", matches = ".+")
  void withSigV4() {
    run();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "AWS_BEARER_TOKEN_BEDROCK", matches = ".+")
  void withApiKey() {
    run();
  }

  private static void run() {
    try (BedrockProvider p = new BedrockProvider(ProviderConfig.builder("bedrock", "bedrock").build())) {
      LiveChecks.chatAndStream(p, System.getenv().getOrDefault("BEDROCK_MODEL", "us.amazon.nova-micro-v1:0"));
    }
  }
}
