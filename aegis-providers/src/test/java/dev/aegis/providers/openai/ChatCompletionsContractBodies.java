package dev.aegis.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ToolCall;
import dev.aegis.providers.contract.ProviderContractTest.Scenario;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.WireRequests;
import java.io.IOException;
import mockwebserver3.RecordedRequest;

/**
 * The exact Chat Completions request body of each contract-kit scenario, shared by every adapter
 * that speaks the format (OpenAI, Azure OpenAI, the compatible presets): the kit sends the same
 * requests to all of them, and only the tool call each one served (echoed back in the tool-result
 * turn) differs.
 */
public final class ChatCompletionsContractBodies {
  static final String WEATHER_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
      + "\"description\":\"Current weather for a city\",\"parameters\":{\"type\":\"object\","
      + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}";
  static final String STREAM = "\"stream\":true,\"stream_options\":{\"include_usage\":true}";

  private ChatCompletionsContractBodies() {}

  private static String quoted(String s) {
    return Json.text(Json.NODES.textNode(s));
  }

  /**
   * Asserts the parts of a Chat Completions request every adapter shares: POST, a JSON body, an
   * SSE Accept header on streams and exactly {@link #body}.
   */
  public static void assertRequest(Scenario scenario, RecordedRequest r, ToolCall served) throws IOException {
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    if (scenario == Scenario.STREAM_TEXT || scenario == Scenario.STREAM_TOOL_CALL) {
      assertThat(r.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }
    WireAssertions.assertBody(r, body(scenario, served));
  }

  /**
   * The body for {@code scenario} sent as model {@code test-model}; {@code served} is the tool
   * call the adapter decoded in the TOOL_CALL scenario (replayed in TOOL_RESULT_ANSWER).
   */
  public static String body(Scenario scenario, ToolCall served) {
    String head = "{\"model\":\"test-model\",\"messages\":[";
    switch (scenario) {
      case TEXT:
        return head + "{\"role\":\"user\",\"content\":\"Say hello\"}]}";
      case MULTI_TURN:
        return head + "{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}]}";
      case SYSTEM_PROMPT:
        return head + "{\"role\":\"system\",\"content\":\"Answer in French.\"},{\"role\":\"user\",\"content\":\"Hello\"}]}";
      case IMAGE_INPUT:
        return head + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this image?\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
            + WireRequests.IMAGE + "\"}}]}]}";
      case TOOL_CALL:
        return head + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"tools\":[" + WEATHER_TOOL + "]}";
      case TOOL_RESULT_ANSWER:
        String id = quoted(served.id());
        return head + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":" + id + ",\"type\":\"function\","
            + "\"function\":{\"name\":" + quoted(served.name()) + ",\"arguments\":"
            + quoted(served.arguments()) + "}}]},"
            + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_call_id\":" + id + "}],"
            + "\"tools\":[" + WEATHER_TOOL + "]}";
      case STREAM_TEXT:
        return head + "{\"role\":\"user\",\"content\":\"Say hello\"}]," + STREAM + "}";
      case STREAM_TOOL_CALL:
        return head + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"tools\":[" + WEATHER_TOOL + "]," + STREAM + "}";
      default:
        throw new IllegalArgumentException("no request is expected for " + scenario);
    }
  }
}
