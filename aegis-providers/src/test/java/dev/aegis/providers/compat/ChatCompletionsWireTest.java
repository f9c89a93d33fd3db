package dev.aegis.providers.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.internal.ChatCompletionsCodec;
import dev.aegis.providers.openai.internal.Quirks;
import dev.aegis.providers.testing.WireRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact Chat Completions wire JSON for every dialect (OpenAI and each built-in preset; Azure's
 * in {@code AzureWireTest}): the contract kit's multi-turn, system-prompt and image requests, cache
 * hints dropped (these providers cache on their own) with {@code prompt_cache_key} passed through,
 * and twenty tools in order.
 */
class ChatCompletionsWireTest {

  static Stream<Arguments> dialects() {
    List<Arguments> out = new ArrayList<>();
    out.add(Arguments.of("openai", Quirks.OPENAI));
    for (Preset p : Preset.builtIn()) out.add(Arguments.of(p.name(), p.quirks()));
    return out.stream();
  }

  static String encode(Quirks quirks, ChatRequest r) {
    return Json.text(new ChatCompletionsCodec(quirks).encode(r, "m", Map.of(), false));
  }

  static final String CACHE_MARKED = WireRequests.chatCompletionsCacheMarked("m");

  static final String MULTI_TURN = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
      + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}]}";
  static final String SYSTEM_PROMPT = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in French.\"},"
      + "{\"role\":\"user\",\"content\":\"Hello\"}]}";
  static final String IMAGE = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
      + "{\"type\":\"text\",\"text\":\"What is in this image?\"},"
      + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + WireRequests.IMAGE + "\"}}]}]}";

  static String twentyTools() {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Pick one.\"}],\"tools\":"
        + WireRequests.functionToolsJson() + "}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void contractKitRequestsOnTheWire(String dialect, Quirks quirks) {
    assertThat(encode(quirks, WireRequests.multiTurn())).isEqualTo(MULTI_TURN);
    assertThat(encode(quirks, WireRequests.systemPrompt())).isEqualTo(SYSTEM_PROMPT);
    assertThat(encode(quirks, WireRequests.image())).isEqualTo(IMAGE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void cacheHintsAreDroppedAndPromptCacheKeyPassesThrough(String dialect, Quirks quirks) {
    assertThat(encode(quirks, WireRequests.cacheMarked())).isEqualTo(CACHE_MARKED + "}");
    assertThat(encode(quirks, WireRequests.cacheMarked().toBuilder().extra("prompt_cache_key", "tenant-42").build()))
        .isEqualTo(CACHE_MARKED + ",\"prompt_cache_key\":\"tenant-42\"}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void twentyToolsKeepTheirOrder(String dialect, Quirks quirks) {
    assertThat(encode(quirks, WireRequests.withTwentyTools())).isEqualTo(twentyTools());
  }
}
