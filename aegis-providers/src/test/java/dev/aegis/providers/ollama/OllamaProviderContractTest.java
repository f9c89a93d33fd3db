package dev.aegis.providers.ollama;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.HttpProviderContractTest;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The Ollama adapter passes the provider contract kit against Ollama's documented /api/chat answers. */
class OllamaProviderContractTest extends HttpProviderContractTest {

  @Override
  protected String basePath() {
    return "/";
  }

  @Override
  protected boolean sendsRetryAfter() {
    return false;
  }

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, Map<String, String> options) {
    return OllamaProvider.create(ProviderConfig.builder("ollama-test", "ollama").baseUrl(baseUrl).local(true)
        .extension(OkHttpClient.class, client).options(options).build());
  }

  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(body).build();
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.text("ollama/derived/api-chat-nonstream-tools.docs.json"));
      case STREAM_TEXT: return ndjson(Fixtures.text("ollama/derived/api-chat-stream.docs.ndjson"));
      case STREAM_TOOL_CALL: return ndjson(Fixtures.text("ollama/derived/api-chat-stream-tools.docs.ndjson"));
      default: return jsonResponse(200, Fixtures.text("ollama/derived/api-chat-nonstream.docs.json"));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    return jsonResponse(status, status == 404 ? "{\"error\":\"model 'test-model' not found\"}"
        : "{\"error\":\"failure " + status + "\"}");
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/chat");
    switch (scenario) {
      case TEXT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],\"stream\":false}");
        break;
      case IMAGE_INPUT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"What is in this image?\","
            + "\"images\":[\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==\"]}],"
            + "\"stream\":false}");
        break;
      case TOOL_RESULT_ANSWER:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Tokyo\"}}}]},"
            + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_name\":\"get_weather\"}],\"stream\":false,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}");
        break;
      case STREAM_TEXT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],\"stream\":true}");
        break;
      default:
        break;
    }
  }

  @Override
  public Framing framing() {
    return Framing.NDJSON;
  }

  /** One {@code /api/chat} line with the text "Hi". */
  @Override
  public byte[] firstStreamEvents() {
    return ("{\"model\":\"m\",\"created_at\":\"2025-01-01T00:00:00Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
