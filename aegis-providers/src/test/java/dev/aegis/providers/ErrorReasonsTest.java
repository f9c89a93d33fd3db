package dev.aegis.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.anthropic.AnthropicProvider;
import dev.aegis.providers.aws.AwsCredentialProviders;
import dev.aegis.providers.azure.AzureOpenAiProvider;
import dev.aegis.providers.bedrock.BedrockProvider;
import dev.aegis.providers.gemini.GeminiProvider;
import dev.aegis.providers.ollama.OllamaProvider;
import dev.aegis.providers.openai.OpenAiProvider;
import dev.aegis.providers.testing.Fixtures;
import java.time.Duration;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter's error decoding sets the typed reason the engine reads (it never reads upstream
 * text): context length, content filter, exhausted quota and overload, each as the vendor words
 * it (documented shapes, or recorded ones from the shared fixtures), through the real adapter and
 * transport against a mock server.
 */
class ErrorReasonsTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("openai", 400, null, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. "
            + "However, your messages resulted in 130512 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
            + "\"code\":\"context_length_exceeded\"}}", ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED, ProviderInvalidRequestException.class),
        Arguments.of("openai", 429, null, Fixtures.text("openai/openai-error.1.json"),
            ProviderErrorCode.QUOTA_EXHAUSTED, ProviderRateLimitException.class),
        Arguments.of("openai", 429, null, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\","
            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}", ProviderErrorCode.UNSPECIFIED, ProviderRateLimitException.class),
        Arguments.of("azure", 400, null, "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering "
            + "Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\","
            + "\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":"
            + "{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}}}}", ProviderErrorCode.CONTENT_FILTERED, ContentFilterException.class),
        Arguments.of("anthropic", 400, null, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
            + "\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}",
            ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED, ProviderInvalidRequestException.class),
        Arguments.of("anthropic", 529, null, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            ProviderErrorCode.OVERLOADED, ProviderServerException.class),
        Arguments.of("anthropic", 400, null, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
            + "\"Your credit balance is too low to access the Anthropic API.\"}}",
            ProviderErrorCode.QUOTA_EXHAUSTED, ProviderInvalidRequestException.class),
        Arguments.of("gemini", 400, null, "{\"error\":{\"code\":400,\"message\":\"The input token count (1200000) exceeds the "
            + "maximum number of tokens allowed (1048576).\",\"status\":\"INVALID_ARGUMENT\"}}",
            ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED, ProviderInvalidRequestException.class),
        Arguments.of("gemini", 429, null, Fixtures.text("google/google-429-retry-info.json"),
            ProviderErrorCode.QUOTA_EXHAUSTED, ProviderRateLimitException.class),
        Arguments.of("gemini", 503, null, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
            + "\"status\":\"UNAVAILABLE\"}}", ProviderErrorCode.OVERLOADED, ProviderServerException.class),
        Arguments.of("bedrock", 400, "ValidationException", "{\"message\":\"Input is too long for requested model.\"}",
            ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED, ProviderInvalidRequestException.class),
        Arguments.of("bedrock", 400, "ServiceQuotaExceededException", "{\"message\":\"Your request exceeded the service quota.\"}",
            ProviderErrorCode.QUOTA_EXHAUSTED, ProviderInvalidRequestException.class),
        Arguments.of("bedrock", 429, "ModelNotReadyException", "{\"message\":\"The model is not ready to serve inference requests.\"}",
            ProviderErrorCode.OVERLOADED, ProviderRateLimitException.class),
        Arguments.of("bedrock", 400, "ValidationException", "{\"message\":\"The provided model identifier is invalid.\"}",
            ProviderErrorCode.UNSPECIFIED, ProviderInvalidRequestException.class),
        Arguments.of("ollama", 400, null, "{\"error\":\"the input length exceeds the context length\"}",
            ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED, ProviderInvalidRequestException.class));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {4}")
  @MethodSource("cases")
  void errorDecodingSetsTheTypedReason(String type, int status, String amznType, String body, ProviderErrorCode reason,
      Class<? extends ProviderException> exception) {
    MockResponse.Builder answer = new MockResponse.Builder().code(status).addHeader("content-type", "application/json").body(body);
    if (amznType != null) answer.addHeader("x-amzn-ErrorType", amznType + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    server.enqueue(answer.build());
    try (Provider p = provider(type)) {
      ProviderCall call = ProviderCall.builder().model("m").timeout(Duration.ofSeconds(30)).build();
      assertThatThrownBy(() -> p.chat(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(), call))
          .isInstanceOfSatisfying(exception, e -> {
            assertThat(e.getClass()).isEqualTo(exception);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.provider()).isEqualTo("p-" + type);
          });
    }
  }

  private Provider provider(String type) {
    String base = server.url("/v1").toString();
    ProviderConfig.Builder c = ProviderConfig.builder("p-" + type, type).baseUrl(base)
        .credentials(CredentialProvider.apiKey("test-key"));
    switch (type) {
      case "openai": return OpenAiProvider.create(c.build());
      case "azure": return AzureOpenAiProvider.create(c.option("deployment", "gpt").build());
      case "anthropic": return new AnthropicProvider(c.build());
      case "gemini": return new GeminiProvider(c.build());
      case "bedrock": return new BedrockProvider(c.option("region", "us-east-1")
          .credentials(AwsCredentialProviders.of("AKIDEXAMPLE", "secret", null)).build());
      default: return OllamaProvider.create(c.build());
    }
  }
}
