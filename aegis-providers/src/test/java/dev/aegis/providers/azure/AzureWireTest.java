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
    String expected = WireRequests.chatCompletionsCacheMarked("dep");
    assertThat(encode(WireRequests.cacheMarked())).isEqualTo(expected + "}");
    assertThat(encode(WireRequests.cacheMarked().toBuilder().extra("prompt_cache_key", "k").build()))
        .isEqualTo(expected + ",\"prompt_cache_key\":\"k\"}");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    assertThat(encode(WireRequests.withTwentyTools())).isEqualTo("{\"model\":\"dep\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Pick one.\"}],\"tools\":" + WireRequests.functionToolsJson() + "}");
  }
}
