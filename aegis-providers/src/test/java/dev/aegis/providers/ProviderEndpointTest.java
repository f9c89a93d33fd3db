package dev.aegis.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.anthropic.AnthropicProvider;
import dev.aegis.providers.aws.AwsCredentialProviders;
import dev.aegis.providers.azure.AzureOpenAiProvider;
import dev.aegis.providers.bedrock.BedrockProvider;
import dev.aegis.providers.compat.OpenAiCompatibleProvider;
import dev.aegis.providers.compat.Preset;
import dev.aegis.providers.gemini.GeminiProvider;
import dev.aegis.providers.mock.MockProvider;
import dev.aegis.providers.ollama.OllamaProvider;
import dev.aegis.providers.openai.OpenAiProvider;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP adapter reports where it calls ({@code Provider.endpoint()}: scheme, host and port of
 * its base URL, nothing of its path), which the gateway's spans carry as {@code server.address}
 * and {@code server.port}.
 */
class ProviderEndpointTest {

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of("openai", (Function<ProviderConfig.Builder, Provider>) c -> OpenAiProvider.create(c.build()),
            "https://api.openai.com:443"),
        Arguments.of("groq", (Function<ProviderConfig.Builder, Provider>) c ->
            OpenAiCompatibleProvider.create(Preset.GROQ, c.build()), "https://api.groq.com:443"),
        Arguments.of("vllm", (Function<ProviderConfig.Builder, Provider>) c ->
            OpenAiCompatibleProvider.create(Preset.VLLM, c.build()), "http://localhost:8000"),
        Arguments.of("azure", (Function<ProviderConfig.Builder, Provider>) c ->
            AzureOpenAiProvider.create(c.option("resource", "acme").option("deployment", "gpt").build()),
            "https://acme.openai.azure.com:443"),
        Arguments.of("anthropic", (Function<ProviderConfig.Builder, Provider>) c -> new AnthropicProvider(c.build()),
            "https://api.anthropic.com:443"),
        Arguments.of("gemini", (Function<ProviderConfig.Builder, Provider>) c -> new GeminiProvider(c.build()),
            "https://generativelanguage.googleapis.com:443"),
        Arguments.of("bedrock", (Function<ProviderConfig.Builder, Provider>) c -> new BedrockProvider(
            c.option("region", "eu-west-1").credentials(AwsCredentialProviders.of("AKIDEXAMPLE", "secret", null))
                .build()), "https://bedrock-runtime.eu-west-1.amazonaws.com:443"),
        Arguments.of("ollama", (Function<ProviderConfig.Builder, Provider>) c -> OllamaProvider.create(c.build()),
            "http://localhost:11434"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void theDefaultBaseUrlsOrigin(String type, Function<ProviderConfig.Builder, Provider> create, String expected) {
    try (Provider p = create.apply(config(type, null))) {
      assertThat(p.endpoint()).isEqualTo(URI.create(expected));
      assertThat(p.endpoint().getHost()).isEqualTo(URI.create(expected).getHost());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void aConfiguredBaseUrlsHostAndPortWithoutItsPath(String type, Function<ProviderConfig.Builder, Provider> create,
      String unused) {
    if (type.equals("azure")) {
      try (Provider p = AzureOpenAiProvider.create(config(type, "http://10.0.0.7:8443/azure/").option("deployment", "gpt")
          .build())) {
        assertThat(p.endpoint()).isEqualTo(URI.create("http://10.0.0.7:8443"));
      }
      return;
    }
    try (Provider p = create.apply(config(type, "http://10.0.0.7:8443/some/path/"))) {
      assertThat(p.endpoint()).isEqualTo(URI.create("http://10.0.0.7:8443"));
      assertThat(p.endpoint().getHost()).isEqualTo("10.0.0.7");
      assertThat(p.endpoint().getPort()).isEqualTo(8443);
    }
  }

  @Test
  void anIpv6HostKeepsItsBrackets() {
    try (Provider p = OpenAiProvider.create(config("openai", "http://[::1]:9000/v1").build())) {
      assertThat(p.endpoint()).isEqualTo(URI.create("http://[::1]:9000"));
      assertThat(p.endpoint().getHost()).isEqualTo("[::1]");
      assertThat(p.endpoint().getPort()).isEqualTo(9000);
    }
  }

  @Test
  void theMockHasNoEndpoint() {
    try (Provider p = MockProvider.builder("mock").build()) {
      assertThat(p.endpoint()).isNull();
    }
  }

  private static ProviderConfig.Builder config(String type, @Nullable String baseUrl) {
    ProviderConfig.Builder c = ProviderConfig.builder("p-" + type, type).credentials(CredentialProvider.apiKey("test-key"));
    return baseUrl == null ? c : c.baseUrl(baseUrl);
  }
}
