package dev.aegis.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.CacheHint;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.Streams;
import dev.aegis.providers.testing.WireRequests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The exact Anthropic wire JSON for prompt-cache hints and tool order, and the cached-token usage rule. */
class AnthropicWireTest {
  static final AnthropicCodec.Settings PLAIN = new AnthropicCodec.Settings(1024, false);
  static final String IMAGE = WireRequests.IMAGE;
  static final String SCHEMA = WireRequests.SCHEMA;

  static String encode(ChatRequest r, AnthropicCodec.Settings s) {
    return Json.text(AnthropicCodec.encode(r, "claude", Map.of(), s, false));
  }

  @Test
  void cacheHintsBecomeCacheControlOnEachKindOfBlock() {
    assertThat(encode(WireRequests.cacheMarked(), PLAIN)).isEqualTo("{\"model\":\"claude\",\"max_tokens\":1024,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"Long instructions.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}],"
        + "\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + IMAGE + "\"},"
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"lookup\",\"input\":{\"city\":\"Paris\"}}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"{\\\"temperature\\\":21}\","
        + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"5m\"}}]}],"
        + "\"tools\":[{\"name\":\"lookup\",\"description\":\"Look a city up\",\"input_schema\":" + SCHEMA + ","
        + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}");
    assertThat(encode(WireRequests.textMarked(), PLAIN)).isEqualTo("{\"model\":\"claude\",\"max_tokens\":1024,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Here is a long document.\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"Summarize it.\"}]}]}");
  }

  @Test
  void aHintedToolResultWithAnImageCarriesTheMarkerOnTheResultBlock() {
    ChatRequest r = ChatRequest.builder().addMessage(Message.assistant(List.of(dev.aegis.api.chat.ToolCall.of("c", "shot", "{}"))))
        .addMessage(Message.builder(Role.TOOL).toolCallId("c").addText("here")
            .addPart(ContentPart.imageData("image/png", IMAGE).withCacheHint(CacheHint.DEFAULT)).build()).build();
    assertThat(Json.text(AnthropicCodec.encode(r, "claude", Map.of(), PLAIN, false).get("messages").get(1))).isEqualTo(
        "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"c\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"here\"},{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
            + "\"data\":\"" + IMAGE + "\"}}],\"cache_control\":{\"type\":\"ephemeral\"}}]}");
  }

  @Test
  void cacheSystemPromptMarksTheLastSystemBlockAndToolUnlessTheCallerDid() {
    ChatRequest plain = ChatRequest.builder().addMessage(Message.system("a")).addMessage(Message.system("b"))
        .addMessage(Message.user("q")).addTool(dev.aegis.api.chat.Tool.function("f", null, SCHEMA)).build();
    AnthropicCodec.Settings auto = new AnthropicCodec.Settings(1024, true);
    assertThat(encode(plain, auto)).isEqualTo("{\"model\":\"claude\",\"max_tokens\":1024,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"q\"}]}],"
        + "\"tools\":[{\"name\":\"f\",\"input_schema\":" + SCHEMA + ",\"cache_control\":{\"type\":\"ephemeral\"}}]}");
    // the caller's own markers win: nothing is added beside them
    assertThat(encode(WireRequests.cacheMarked(), auto)).isEqualTo(encode(WireRequests.cacheMarked(), PLAIN));
  }

  @Test
  void moreThanFourBreakpointsAreRefusedBeforeTheCall() {
    ChatRequest five = WireRequests.cacheMarked().toBuilder()
        .addMessage(WireRequests.textMarked().messages().get(0)).build();
    assertThatThrownBy(() -> encode(five, PLAIN)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
      assertThat(e.param()).isEqualTo("cacheHint");
      assertThat(e.getMessage()).isEqualTo("Anthropic takes at most 4 cache breakpoints per request, this request has 5 "
          + "(cache hints on system, messages and tools, plus the provider's cacheSystemPrompt setting)");
    });
    // three caller hints plus the two the provider setting adds is five as well
    ChatRequest three = ChatRequest.builder().addMessage(Message.system("s")).addMessage(WireRequests.textMarked().messages().get(0))
        .addMessage(Message.assistant("ok"))
        .addMessage(Message.builder(Role.USER).addPart(ContentPart.text("again").withCacheHint(CacheHint.DEFAULT)).build())
        .addMessage(Message.assistant("ok"))
        .addMessage(Message.builder(Role.USER).addPart(ContentPart.text("more").withCacheHint(CacheHint.DEFAULT)).build())
        .addTool(dev.aegis.api.chat.Tool.function("f", null, SCHEMA)).build();
    assertThat(encode(three, PLAIN)).contains("\"cache_control\"");
    assertThatThrownBy(() -> encode(three, new AnthropicCodec.Settings(1024, true)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("this request has 5");
  }

  @Test
  void twentyToolsKeepTheirOrder() {
    StringBuilder tools = new StringBuilder();
    for (String name : WireRequests.twentyToolNames()) {
      if (tools.length() > 0) tools.append(',');
      tools.append("{\"name\":\"").append(name).append("\",\"input_schema\":").append(SCHEMA).append('}');
    }
    assertThat(encode(WireRequests.withTwentyTools(), PLAIN)).isEqualTo("{\"model\":\"claude\",\"max_tokens\":1024,"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Pick one.\"}]}],\"tools\":[" + tools + "]}");
  }

  // ------------------------------------------------------------------ usage

  /** Usage as documented (docs.anthropic.com, prompt caching: "Tracking cache performance"), with the 1h/5m split. */
  static final String CACHED_USAGE = "{\"input_tokens\":21,\"cache_creation_input_tokens\":188086,"
      + "\"cache_read_input_tokens\":1000,\"cache_creation\":{\"ephemeral_5m_input_tokens\":456,"
      + "\"ephemeral_1h_input_tokens\":187630},\"output_tokens\":393}";

  static final Usage CACHED = Usage.builder().inputTokens(21 + 188086 + 1000).outputTokens(393).cacheReadTokens(1000)
      .cacheWriteTokens(188086).cacheWrite5mTokens(456).cacheWrite1hTokens(187630).build();

  @Test
  void cacheReadsWritesAndTheirTtlSplitWhole() {
    String body = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":" + CACHED_USAGE + "}";
    assertThat(AnthropicCodec.decode(Fixtures.jsonOf(body.getBytes()), 0).usage()).isEqualTo(CACHED);
  }

  @Test
  void cacheReadsWritesAndTheirTtlSplitStreamed() throws IOException {
    // message_start carries the input side; the cumulative message_delta repeats it with the final output
    String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"usage\":" + CACHED_USAGE.replace("\"output_tokens\":393", "\"output_tokens\":1") + "}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":" + CACHED_USAGE + "}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    List<ChatChunk> out = new ArrayList<>();
    new AnthropicStreamDecoder("anthropic").decode(new Buffer().writeUtf8(sse), out::add);
    assertThat(Streams.assemble(out).usage()).isEqualTo(CACHED);
    // a message_delta with only output tokens (older API) keeps the input side from message_start
    String partial = sse.replace("\"usage\":" + CACHED_USAGE + "}\n\n", "\"usage\":{\"output_tokens\":393}}\n\n");
    List<ChatChunk> out2 = new ArrayList<>();
    new AnthropicStreamDecoder("anthropic").decode(new Buffer().writeUtf8(partial), out2::add);
    assertThat(Streams.assemble(out2).usage()).isEqualTo(CACHED);
  }
}
