package dev.aegis.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.testing.WireRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Azure's exact Chat Completions wire JSON: the contract kit's requests, cache hints dropped, tool order kept. */
class AzureWireTest {
  static final String IMAGE_URL = "data:image/png;base64," + WireRequests.IMAGE;

  static String encode(ChatRequest r) {
    return Json.text(new ChatCompletionsCodec(AzureOpenAiProvider.QUIRKS).encode(r, "dep", Map.of(), false));
  }

  @Test
  void contractKitRequestsOnTheWire() {
    assertThat(encode(WireRequests.multiTurn())).isEqualTo("{\"model\":\"dep\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"My name is Ada.\"},{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},"
        + "{\"role\":\"user\",\"content\":\"What is my name?\"}]}");
    assertThat(encode(WireRequests.systemPrompt())).isEqualTo("{\"model\":\"dep\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Answer in French.\"},{\"role\":\"user\",\"content\":\"Hello\"}]}");
    assertThat(encode(WireRequests.image())).isEqualTo("{\"model\":\"dep\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"What is in this image?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE_URL + "\"}}]}]}");
  }

  @Test
  void cacheHintsAreDroppedAndPromptCacheKeyPassesThrough() {
    String expected = "{\"model\":\"dep\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Long instructions.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + IMAGE_URL + "\"}}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_call_id\":\"call_1\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Look a city up\",\"parameters\":"
        + WireRequests.SCHEMA + "}}]";
    assertThat(encode(WireRequests.cacheMarked())).isEqualTo(expected + "}");
    assertThat(encode(WireRequests.cacheMarked().toBuilder().extra("prompt_cache_key", "k").build()))
        .isEqualTo(expected + ",\"prompt_cache_key\":\"k\"}");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    StringBuilder tools = new StringBuilder();
    for (String name : WireRequests.twentyToolNames()) {
      if (tools.length() > 0) tools.append(',');
      tools.append("{\"type\":\"function\",\"function\":{\"name\":\"").append(name).append("\",\"parameters\":")
          .append(WireRequests.SCHEMA).append("}}");
    }
    assertThat(encode(WireRequests.withTwentyTools())).isEqualTo("{\"model\":\"dep\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Pick one.\"}],\"tools\":[" + tools + "]}");
  }
}
