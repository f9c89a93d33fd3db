package dev.aegis.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.providers.bedrock.internal.BedrockCodec;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.WireRequests;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact Bedrock Converse wire JSON for prompt-cache hints ({@code cachePoint} blocks) and tool order. */
class BedrockWireTest {
  static final String IMAGE = WireRequests.IMAGE;
  static final String SCHEMA = WireRequests.SCHEMA;

  @Test
  void cacheHintsBecomeCachePointsAfterEachKindOfBlock() {
    assertThat(Json.text(BedrockCodec.encode(WireRequests.cacheMarked(), Map.of()))).isEqualTo("{"
        + "\"system\":[{\"text\":\"Long instructions.\"},{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}],"
        + "\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"text\":\"Look:\"},{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + IMAGE + "\"}}},"
        + "{\"cachePoint\":{\"type\":\"default\"}}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"call_1\",\"name\":\"lookup\",\"input\":{\"city\":\"Paris\"}}}]},"
        + "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"call_1\",\"content\":[{\"json\":{\"temperature\":21}}]}},"
        + "{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"5m\"}}]}],"
        + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"lookup\",\"description\":\"Look a city up\",\"inputSchema\":{\"json\":"
        + SCHEMA + "}}},{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}]}}");
    assertThat(Json.text(BedrockCodec.encode(WireRequests.textMarked(), Map.of()))).isEqualTo("{\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"text\":\"Here is a long document.\"},{\"cachePoint\":{\"type\":\"default\"}},{\"text\":\"Summarize it.\"}]}]}");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    StringBuilder tools = new StringBuilder();
    for (String name : WireRequests.twentyToolNames()) {
      if (tools.length() > 0) tools.append(',');
      tools.append("{\"toolSpec\":{\"name\":\"").append(name).append("\",\"inputSchema\":{\"json\":").append(SCHEMA).append("}}}");
    }
    assertThat(Json.text(BedrockCodec.encode(WireRequests.withTwentyTools(), Map.of()))).isEqualTo("{\"messages\":[{\"role\":\"user\","
        + "\"content\":[{\"text\":\"Pick one.\"}]}],\"toolConfig\":{\"tools\":[" + tools + "]}}");
  }
}
