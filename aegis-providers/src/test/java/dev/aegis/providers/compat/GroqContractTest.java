package dev.aegis.providers.compat;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.HttpProviderContractTest;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The Groq preset passes the provider contract kit against recorded Groq traffic. */
class GroqContractTest extends HttpProviderContractTest {

  @Override
  protected String basePath() {
    return "/openai/v1";
  }

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, Map<String, String> options) {
    return OpenAiCompatibleProvider.create(Preset.GROQ, ProviderConfig.builder("groq-test", "groq").baseUrl(baseUrl)
        .credentials(CredentialProvider.apiKey("gsk-test")).extension(OkHttpClient.class, client).options(options).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.text("groq/groq-tool-call.json"));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("groq/groq-text.chunks.txt", true));
      case STREAM_TOOL_CALL: return sseResponse(Fixtures.sse("groq/groq-tool-call.chunks.txt", true));
      default: return jsonResponse(200, Fixtures.text("groq/groq-text.json"));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    String body = status == 404 ? Fixtures.cassetteBody("groq/test_tool_regular_error.yaml", 0)
        : "{\"error\":{\"message\":\"failure " + status + "\",\"type\":\"" + (status >= 500 ? "internal_server_error"
            : "invalid_request_error") + "\"}}";
    MockResponse.Builder b = new MockResponse.Builder(jsonResponse(status, body));
    if (status == 429) b.setHeader("retry-after", "7");
    return b.build();
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer gsk-test");
    switch (scenario) {
      case TEXT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
        break;
      case TOOL_RESULT_ANSWER:
        assertThat(dev.aegis.providers.openai.WireAssertions.body(r).at("/messages/2/tool_call_id").asText())
            .isEqualTo("ax9fskhev");
        break;
      case STREAM_TEXT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        break;
      default:
        break;
    }
  }
}
