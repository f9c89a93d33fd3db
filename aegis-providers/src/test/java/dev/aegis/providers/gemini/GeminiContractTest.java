package dev.aegis.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.HttpContractSupport;
import mockwebserver3.RecordedRequest;

/** The Gemini adapter passes the provider contract kit against recorded answers. */
class GeminiContractTest extends HttpContractSupport {
  static final String IMAGE =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  static final String TOOLS = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Current weather for a city\","
      + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}]";

  @Override
  protected Provider provider() {
    return new GeminiProvider(config("gemini", "/v1beta").credentials(CredentialProvider.apiKey("AIza-test-key")).build());
  }

  @Override
  protected Provider providerFor(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        enqueue(200, "application/json", Fixtures.text("google/google-tool-call.json"));
        break;
      case STREAM_TEXT:
        enqueue(200, "text/event-stream", Fixtures.sse("google/google-text.chunks.txt"));
        break;
      case STREAM_TOOL_CALL:
        enqueue(200, "text/event-stream", Fixtures.sse("google/google-tool-call.chunks.txt"));
        break;
      case HANG:
        enqueueHang();
        break;
      default:
        enqueue(200, "application/json", Fixtures.text("google/google-text.json"));
    }
    return provider();
  }

  @Override
  protected Provider providerFailingWith(int status) {
    String s = status == 400 ? "INVALID_ARGUMENT" : status == 401 ? "UNAUTHENTICATED" : status == 403 ? "PERMISSION_DENIED"
        : status == 404 ? "NOT_FOUND" : status == 429 ? "RESOURCE_EXHAUSTED" : status == 503 ? "UNAVAILABLE" : "INTERNAL";
    String body = status == 429 ? Fixtures.text("google/google-429-retry-info.json")
        : "{\"error\":{\"code\":" + status + ",\"message\":\"boom\",\"status\":\"" + s + "\"}}";
    enqueue(status, "application/json", body);
    return provider();
  }

  @Override
  protected void verifyRequest(Scenario scenario) throws Exception {
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("x-goog-api-key")).isEqualTo("AIza-test-key");
    assertThat(r.getUrl().toString()).doesNotContain("AIza");
    boolean stream = scenario == Scenario.STREAM_TEXT || scenario == Scenario.STREAM_TOOL_CALL;
    assertThat(r.getTarget()).isEqualTo(stream ? "/v1beta/models/test-model:streamGenerateContent?alt=sse"
        : "/v1beta/models/test-model:generateContent");
    String expected;
    switch (scenario) {
      case TEXT:
      case STREAM_TEXT:
        expected = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello\"}]}]}";
        break;
      case MULTI_TURN:
        expected = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"My name is Ada.\"}]},"
            + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello Ada.\"}]},{\"role\":\"user\",\"parts\":[{\"text\":\"What is my name?\"}]}]}";
        break;
      case SYSTEM_PROMPT:
        expected = "{\"systemInstruction\":{\"parts\":[{\"text\":\"Answer in French.\"}]},"
            + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"}]}]}";
        break;
      case IMAGE_INPUT:
        expected = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is in this image?\"},"
            + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + IMAGE + "\"}}]}]}";
        break;
      case TOOL_CALL:
      case STREAM_TOOL_CALL:
        expected = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in Paris?\"}]}]," + TOOLS + "}";
        break;
      case TOOL_RESULT_ANSWER:
        expected = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in Paris?\"}]},"
            // the call's thought signature from google-tool-call.json goes back with it
            + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"San Francisco\"}},"
            + "\"thoughtSignature\":\"EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"weather\",\"response\":{\"temperature\":21}}}]}],"
            + TOOLS + "}";
        break;
      default:
        return;
    }
    assertThat(r.getBody().utf8()).isEqualTo(Fixtures.jsonOf(expected.getBytes()).toString());
  }

  @Override
  public String endedEarlyDetail() {
    return "the stream ended without a finish reason";
  }

  @Override
  public byte[] streamErrorEvent() {
    return ("data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String streamErrorMessage(String provider) {
    return "the stream from " + provider + " failed: provider '" + provider + "' answered 503 UNAVAILABLE: The model is overloaded.";
  }

  @Override
  public Framing framing() {
    return Framing.SSE;
  }

  /** One candidate with the text "Hi". */
  @Override
  public byte[] firstStreamEvents() {
    return ("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0}],"
        + "\"modelVersion\":\"gemini-test\",\"responseId\":\"r1\"}\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("call_0", "weather", "{\"location\":\"San Francisco\"}", 29, 908);
      case STREAM_TEXT:
        return Answer.text("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y", 9, 208);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_0", "weather", "{\"location\":\"San Francisco\"}", 29, 60);
      default:
        return Answer.text("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.", 9, 272);
    }
  }
}
