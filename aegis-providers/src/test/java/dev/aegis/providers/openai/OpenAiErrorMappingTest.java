package dev.aegis.providers.openai;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import java.time.Duration;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream status + error.type/code/param → the exception hierarchy, table-driven, with recorded bodies where they exist. */
class OpenAiErrorMappingTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error while processing your request.\","
      + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";
  static final String INVALID_KEY = "{\"error\":{\"message\":\"Incorrect API key provided: sk-test.\","
      + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
  static final String RATE = "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
      + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
  static final String CONTEXT = "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
      + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}";

  /** The error answer the contract kit meets for a status, from recorded bodies where there is one. */
  static MockResponse errorResponse(int status) {
    switch (status) {
      case 400: return jsonResponse(400, Fixtures.text("openai/reasoning-model-legacy-parameter-error.json"));
      case 401:
      case 403: return jsonResponse(status, INVALID_KEY);
      case 404: return jsonResponse(404, Fixtures.cassetteBody("openai/test_model_name_suggestion[openai-chat].yaml", 0));
      case 429:
        return new MockResponse.Builder(jsonResponse(429, RATE)).setHeader("retry-after", "2").build();
      default: return jsonResponse(status, SERVER_ERROR);
    }
  }

  record Case(String name, MockResponse response, Class<? extends ProviderException> type, int status,
      String errorType, String code, String param, boolean retryable, Duration retryAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("401 invalid key", jsonResponse(401, INVALID_KEY), ProviderAuthenticationException.class, 401,
            "invalid_request_error", "invalid_api_key", null, false, null),
        new Case("403", jsonResponse(403, INVALID_KEY), ProviderAuthenticationException.class, 403,
            "invalid_request_error", "invalid_api_key", null, false, null),
        new Case("400 unsupported max_tokens (recorded)", errorResponse(400), ProviderInvalidRequestException.class, 400,
            "invalid_request_error", "unsupported_parameter", "max_tokens", false, null),
        new Case("400 temperature code null (recorded)",
            jsonResponse(400, Fixtures.text("openai/reasoning-model-temperature-error.json")),
            ProviderInvalidRequestException.class, 400, "invalid_request_error", null, "temperature", false, null),
        new Case("400 unknown_parameter (recorded)", jsonResponse(400, Fixtures.text("openai/gpt-image-response-format-error.json")),
            ProviderInvalidRequestException.class, 400, "invalid_request_error", "unknown_parameter", "response_format", false, null),
        new Case("400 web_search_options (recorded)",
            jsonResponse(400, Fixtures.cassetteBody("openai/test_openai_web_search_tool_model_not_supported.yaml", 0)),
            ProviderInvalidRequestException.class, 400, "invalid_request_error", null, "web_search_options", false, null),
        new Case("400 context_length_exceeded", jsonResponse(400, CONTEXT), ProviderInvalidRequestException.class, 400,
            "invalid_request_error", "context_length_exceeded", "messages", false, null),
        new Case("404 model_not_found (recorded)", errorResponse(404), ProviderInvalidRequestException.class, 404,
            "invalid_request_error", "model_not_found", null, false, null),
        new Case("422", jsonResponse(422, CONTEXT), ProviderInvalidRequestException.class, 422,
            "invalid_request_error", "context_length_exceeded", "messages", false, null),
        new Case("429 rate limit, retry-after-ms",
            new MockResponse.Builder(jsonResponse(429, RATE)).setHeader("retry-after-ms", "1500")
                .setHeader("retry-after", "9").build(),
            ProviderRateLimitException.class, 429, "requests", "rate_limit_exceeded", null, true, Duration.ofMillis(1500)),
        new Case("429 rate limit, Retry-After seconds", errorResponse(429), ProviderRateLimitException.class, 429,
            "requests", "rate_limit_exceeded", null, true, Duration.ofSeconds(2)),
        new Case("429 insufficient_quota (recorded)", jsonResponse(429, Fixtures.text("openai/openai-error.1.json")),
            ProviderRateLimitException.class, 429, "insufficient_quota", "insufficient_quota", null, false, null),
        new Case("500", errorResponse(500), ProviderServerException.class, 500, "server_error", null, null, true, null),
        new Case("502 html", new MockResponse.Builder().code(502).setHeader("x-request-id", "req_502")
            .body("<html>bad gateway</html>").build(), ProviderServerException.class, 502, null, null, null, true, null),
        new Case("503", errorResponse(503), ProviderServerException.class, 503, "server_error", null, null, true, null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mapped(Case c) {
    server.enqueue(c.response());
    OpenAiProvider p = OpenAiProvider.create(ProviderConfig.builder("oa", "openai")
        .baseUrl(server.url("/v1").toString()).credentials(CredentialProvider.apiKey("sk-test")).build());
    try (p) {
      ChatRequest request = ChatRequest.builder().addMessage(Message.user("hi")).build();
      assertThatThrownBy(() -> p.chat(request, ProviderCall.builder().model("gpt-4o").build()))
          .isInstanceOfSatisfying(c.type(), e -> {
            assertThat(e.status()).isEqualTo(c.status());
            assertThat(e.error().type()).isEqualTo(c.errorType());
            assertThat(e.error().code()).isEqualTo(c.code());
            assertThat(e.error().param()).isEqualTo(c.param());
            assertThat(e.retryable()).isEqualTo(c.retryable());
            assertThat(e.retryAfter()).isEqualTo(c.retryAfter());
            assertThat(e.error().requestId()).as("upstream x-request-id kept").isEqualTo("req_" + c.status());
            assertThat(e.provider()).isEqualTo("oa");
            if (e instanceof ProviderRateLimitException) {
              assertThat(((ProviderRateLimitException) e).quotaExceeded()).isEqualTo(!c.retryable());
            }
          });
    }
  }
}
