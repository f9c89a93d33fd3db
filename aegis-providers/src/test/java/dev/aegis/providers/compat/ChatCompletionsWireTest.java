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

  /** The cacheMarked() request as every Chat Completions dialect sends it: no markers. */
  public static final String CACHE_MARKED = "{\"model\":\"m\",\"messages\":["
      + "{\"role\":\"system\",\"content\":\"Long instructions.\"},"
      + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},"
      + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + WireRequests.IMAGE + "\"}}]},"
      + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
      + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
      + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_call_id\":\"call_1\"}],"
      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Look a city up\",\"parameters\":"
      + WireRequests.SCHEMA + "}}]";

  public static final String MULTI_TURN = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"My name is Ada.\"},"
      + "{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}]}";
  public static final String SYSTEM_PROMPT = "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in French.\"},"
      + "{\"role\":\"user\",\"content\":\"Hello\"}]}";
  public static final String IMAGE = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
      + "{\"type\":\"text\",\"text\":\"What is in this image?\"},"
      + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + WireRequests.IMAGE + "\"}}]}]}";

  public static String twentyTools() {
    StringBuilder tools = new StringBuilder();
    for (String name : WireRequests.twentyToolNames()) {
      if (tools.length() > 0) tools.append(',');
      tools.append("{\"type\":\"function\",\"function\":{\"name\":\"").append(name).append("\",\"parameters\":")
          .append(WireRequests.SCHEMA).append("}}");
    }
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Pick one.\"}],\"tools\":[" + tools + "]}";
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
