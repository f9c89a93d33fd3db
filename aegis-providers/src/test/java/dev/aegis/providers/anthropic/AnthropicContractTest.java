package dev.aegis.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.HttpContractSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** The Anthropic adapter passes the provider contract kit against recorded answers. */
class AnthropicContractTest extends HttpContractSupport {
  static final String IMAGE =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  static final String WEATHER_TOOL = "{\"name\":\"get_weather\",\"description\":\"Current weather for a city\","
      + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}";

  @Override
  protected Provider provider() {
    return new AnthropicProvider(config("anthropic", "/v1").credentials(CredentialProvider.apiKey("sk-ant-test")).build());
  }

  @Override
  protected Provider providerFor(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        enqueue(200, "application/json", Fixtures.text("anthropic/anthropic-json-tool.1.json"));
        break;
      case STREAM_TEXT:
        enqueue(200, "text/event-stream", Fixtures.sse("anthropic/anthropic-text.chunks.txt"));
        break;
      case STREAM_TOOL_CALL:
        enqueue(200, "text/event-stream", Fixtures.text("anthropic/tool_use_response.txt"));
        break;
      case HANG:
        enqueueHang();
        break;
      default:
        enqueue(200, "application/json", Fixtures.text("anthropic/anthropic-text.json"));
    }
    return provider();
  }

  @Override
  protected Provider providerFailingWith(int status) {
    String type = status == 400 ? "invalid_request_error" : status == 401 ? "authentication_error"
        : status == 403 ? "permission_error" : status == 404 ? "not_found_error"
        : status == 429 ? "rate_limit_error" : status == 503 ? "overloaded_error" : "api_error";
    MockResponse.Builder b = new MockResponse.Builder().code(status).addHeader("content-type", "application/json")
        .addHeader("request-id", "req_123")
        .body("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"boom\"}}");
    if (status == 429) b.addHeader("retry-after", "7");
    server.enqueue(b.build());
    return provider();
  }

  @Override
  protected void verifyRequest(Scenario scenario) throws Exception {
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(r.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(r.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(r.getHeaders().get("content-type")).startsWith("application/json");
    String head = "{\"model\":\"test-model\",\"max_tokens\":4096,";
    String expected;
    switch (scenario) {
      case TEXT:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\"}]}]}";
        break;
      case MULTI_TURN:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"My name is Ada.\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello Ada.\"}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is my name?\"}]}]}";
        break;
      case SYSTEM_PROMPT:
        expected = head + "\"system\":\"Answer in French.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}";
        break;
      case IMAGE_INPUT:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this image?\"},"
            + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + IMAGE + "\"}}]}]}";
        break;
      case TOOL_CALL:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]}],"
            + "\"tools\":[" + WEATHER_TOOL + "]}";
        break;
      case TOOL_RESULT_ANSWER:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01Q9ExVZnzZj7E2QQYHYtNUa\",\"name\":\"json\","
            + "\"input\":{\"elements\":[{\"location\":\"San Francisco\",\"temperature\":-5,\"condition\":\"snowy\"},"
            + "{\"location\":\"London\",\"temperature\":0,\"condition\":\"snowy\"},{\"location\":\"Paris\",\"temperature\":23,"
            + "\"condition\":\"cloudy\"},{\"location\":\"Berlin\",\"temperature\":-9,\"condition\":\"snowy\"}]}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01Q9ExVZnzZj7E2QQYHYtNUa\","
            + "\"content\":\"{\\\"temperature\\\":21}\"}]}],\"tools\":[" + WEATHER_TOOL + "]}";
        break;
      case STREAM_TEXT:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Say hello\"}]}],\"stream\":true}";
        assertThat(r.getHeaders().get("accept")).isEqualTo("text/event-stream");
        break;
      case STREAM_TOOL_CALL:
        expected = head + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]}],"
            + "\"tools\":[" + WEATHER_TOOL + "],\"stream\":true}";
        break;
      default:
        return;
    }
    assertThat(Fixtures.jsonOf(r.getBody().toByteArray())).isEqualTo(Fixtures.jsonOf(expected.getBytes()));
    assertThat(r.getBody().utf8()).isEqualTo(Fixtures.jsonOf(expected.getBytes()).toString());
  }

  @Override
  public String endedEarlyDetail() {
    return "the stream ended before message_stop";
  }

  @Override
  public byte[] streamErrorEvent() {
    return ("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String streamErrorMessage(String provider) {
    return "the stream from " + provider + " failed: overloaded_error: Overloaded";
  }

  @Override
  public Framing framing() {
    return Framing.SSE;
  }

  /** message_start, a text block and its first delta "Hi". */
  @Override
  public byte[] firstStreamEvents() {
    return ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("toolu_01Q9ExVZnzZj7E2QQYHYtNUa", "json", "{\"elements\":[{\"location\":\"San Francisco\",\"temperature\":-5,\"condition\":\"snowy\"},{\"location\":\"London\",\"temperature\":0,\"condition\":\"snowy\"},{\"location\":\"Paris\",\"temperature\":23,\"condition\":\"cloudy\"},{\"location\":\"Berlin\",\"temperature\":-9,\"condition\":\"snowy\"}]}", 1151, 87);
      case STREAM_TEXT:
        return Answer.text("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you "
            + "with?", 12, 30);
      case STREAM_TOOL_CALL:
        return new Answer("I'll check the current weather in Paris for you.",
            ToolCall.of("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"), 377, 65);
      default:
        return Answer.text("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you "
            + "with?", 12, 29);
    }
  }
}
