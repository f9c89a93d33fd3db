package dev.aegis.providers.ollama;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.HttpProviderContractTest;
import dev.aegis.providers.testing.WireRequests;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** The Ollama adapter passes the provider contract kit against Ollama's documented /api/chat answers. */
class OllamaProviderContractTest extends HttpProviderContractTest {
  static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"description\":\"Current weather for a city\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";

  @Override
  protected String basePath() {
    return "/";
  }

  @Override
  protected boolean sendsRetryAfter() {
    return false;
  }

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup) {
    return OllamaProvider.create(ProviderConfig.builder("ollama-test", "ollama").baseUrl(baseUrl).local(true)
        .extension(OkHttpClient.class, client).options(setup.options()).connectTimeout(setup.connectTimeout())
        .readTimeout(setup.readTimeout()).build());
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
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getHeaders().get("Authorization")).as("a local server gets no credentials").isNull();
    String head = "{\"model\":\"test-model\",\"messages\":[";
    String sayHello = "{\"role\":\"user\",\"content\":\"Say hello\"}]";
    String weather = "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}";
    switch (scenario) {
      case TEXT:
        assertBody(r, head + sayHello + ",\"stream\":false}");
        break;
      case MULTI_TURN:
        assertBody(r, head + "{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}],"
            + "\"stream\":false}");
        break;
      case SYSTEM_PROMPT:
        assertBody(r, head + "{\"role\":\"system\",\"content\":\"Answer in French.\"},"
            + "{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":false}");
        break;
      case IMAGE_INPUT:
        assertBody(r, head + "{\"role\":\"user\",\"content\":\"What is in this image?\","
            + "\"images\":[\"" + WireRequests.IMAGE + "\"]}],\"stream\":false}");
        break;
      case TOOL_CALL:
        assertBody(r, head + weather + "],\"stream\":false,\"tools\":[" + WEATHER_TOOL + "]}");
        break;
      case TOOL_RESULT_ANSWER:
        assertBody(r, head + weather + ","
            + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Tokyo\"}}}]},"
            + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_name\":\"get_weather\"}],\"stream\":false,"
            + "\"tools\":[" + WEATHER_TOOL + "]}");
        break;
      case STREAM_TEXT:
        assertBody(r, head + sayHello + ",\"stream\":true}");
        break;
      case STREAM_TOOL_CALL:
        assertBody(r, head + weather + "],\"stream\":true,\"tools\":[" + WEATHER_TOOL + "]}");
        break;
      default:
        throw new IllegalArgumentException("no request is expected for " + scenario);
    }
  }

  @Override
  public String endedEarlyDetail() {
    return "the stream ended before the done line";
  }

  @Override
  public byte[] streamErrorEvent() {
    return "{\"error\":\"The server is overloaded\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String streamErrorMessage(String provider) {
    return "provider '" + provider + "' answered 200: The server is overloaded";
  }

  /** The NDJSON reader takes any content type, so a whole JSON body reads as one line without {@code done}. */
  @Override
  public dev.aegis.api.error.ProviderErrorCode wrongContentTypeReason() {
    return dev.aegis.api.error.ProviderErrorCode.RESPONSE_TRUNCATED;
  }

  @Override
  public String wrongContentTypeCode() {
    return "incomplete_stream";
  }

  @Override
  public String wrongContentTypeDetail(String json) {
    return endedEarlyDetail();
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

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("call_0_923fbf1e", "get_weather", "{\"city\":\"Tokyo\"}", 169, 18);
      case STREAM_TEXT:
        return Answer.text("The", 26, 282);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_0_923fbf1e", "get_weather", "{\"city\":\"Tokyo\"}", 169, 15);
      default:
        return Answer.text("Hello! How are you today?", 26, 298);
    }
  }
}
