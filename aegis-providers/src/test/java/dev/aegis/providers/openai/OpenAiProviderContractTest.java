package dev.aegis.providers.openai;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The OpenAI adapter passes the provider contract kit against recorded OpenAI traffic. */
class OpenAiProviderContractTest extends HttpProviderContractTest {
  static final String TOOL_CASSETTE = "openai/test_openai_tool_output.yaml";
  static final String IMAGE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"description\":\"Current weather for a city\",\"parameters\":{\"type\":\"object\","
      + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, Map<String, String> options) {
    return OpenAiProvider.create(ProviderConfig.builder("openai-test", "openai").baseUrl(baseUrl)
        .credentials(CredentialProvider.apiKey("sk-test")).extension(OkHttpClient.class, client).options(options).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.cassetteBody(TOOL_CASSETTE, 0));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("openai/openai-text.chunks.txt", true));
      case STREAM_TOOL_CALL:
        return sseResponse(Fixtures.cassetteBody("openai/test_run_stream_sync_streams_real_model.yaml", 0));
      default: return jsonResponse(200, Fixtures.text("openai/openai-text.json"));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    return OpenAiErrorMappingTest.errorResponse(status);
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    switch (scenario) {
      case TEXT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
        break;
      case MULTI_TURN:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}]}");
        break;
      case SYSTEM_PROMPT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in French.\"},"
            + "{\"role\":\"user\",\"content\":\"Hello\"}]}");
        break;
      case IMAGE_INPUT:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"What is in this image?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + IMAGE + "\"}}]}]}");
        break;
      case TOOL_CALL:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
            + "\"tools\":[" + WEATHER_TOOL + "]}");
        break;
      case TOOL_RESULT_ANSWER:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_iXFttys57ap0o16JSlC8yhYo\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_user_country\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_call_id\":\"call_iXFttys57ap0o16JSlC8yhYo\"}],"
            + "\"tools\":[" + WEATHER_TOOL + "]}");
        break;
      case STREAM_TEXT:
        assertThat(r.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        break;
      case STREAM_TOOL_CALL:
        assertBody(r, "{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
            + "\"tools\":[" + WEATHER_TOOL + "],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        break;
      default:
        break;
    }
  }
}
