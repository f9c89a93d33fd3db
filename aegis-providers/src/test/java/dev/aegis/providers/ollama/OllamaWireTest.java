package dev.aegis.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.ollama.internal.OllamaCodec;
import dev.aegis.providers.testing.WireRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ollama's exact {@code /api/chat} wire JSON: the contract kit's requests, cache hints dropped, tool order kept. */
class OllamaWireTest {
  static String encode(ChatRequest r) {
    return Json.text(new OllamaCodec().encode(r, "llama3", Map.of(), false));
  }

  @Test
  void contractKitRequestsOnTheWire() {
    assertThat(encode(WireRequests.multiTurn())).isEqualTo("{\"model\":\"llama3\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"My name is Ada.\"},{\"role\":\"assistant\",\"content\":\"Hello Ada.\"},"
        + "{\"role\":\"user\",\"content\":\"What is my name?\"}],\"stream\":false}");
    assertThat(encode(WireRequests.systemPrompt())).isEqualTo("{\"model\":\"llama3\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Answer in French.\"},{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":false}");
    assertThat(encode(WireRequests.image())).isEqualTo("{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"What is in this image?\",\"images\":[\"" + WireRequests.IMAGE + "\"]}],\"stream\":false}");
  }

  @Test
  void cacheHintsAreDropped() {
    assertThat(encode(WireRequests.cacheMarked())).isEqualTo("{\"model\":\"llama3\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Long instructions.\"},"
        + "{\"role\":\"user\",\"content\":\"Look:\",\"images\":[\"" + WireRequests.IMAGE + "\"]},"
        + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"lookup\",\"arguments\":{\"city\":\"Paris\"}}}]},"
        + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_name\":\"lookup\"}],\"stream\":false,"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Look a city up\",\"parameters\":"
        + WireRequests.SCHEMA + "}}]}");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    assertThat(encode(WireRequests.withTwentyTools())).isEqualTo("{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"Pick one.\"}],\"stream\":false,\"tools\":" + WireRequests.functionToolsJson() + "}");
  }
}
