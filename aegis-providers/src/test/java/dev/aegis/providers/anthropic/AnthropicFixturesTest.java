package dev.aegis.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.Expected;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every recorded Anthropic fixture decoded to its exact normalized form. */
class AnthropicFixturesTest {

  static ChatResponse whole(String file) {
    return AnthropicCodec.decode(Fixtures.json(file), 0);
  }

  static List<ChatChunk> chunks(byte[] sse) throws IOException {
    List<ChatChunk> out = new ArrayList<>();
    new AnthropicStreamDecoder("anthropic").decode(new Buffer().write(sse), out::add);
    return out;
  }

  static ChatResponse streamed(String file) throws IOException {
    byte[] body = file.endsWith(".chunks.txt") ? Fixtures.sse(file).getBytes() : Fixtures.bytes(file);
    return Streams.assemble(chunks(body));
  }

  static final String SONNET_45 = "claude-sonnet-4-5-20250929";
  static final String HAIKU_45 = "claude-haiku-4-5-20251001";
  static final String JSON_ARGS = "{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]}";

  @Test
  void text() throws IOException {
    assertThat(whole("anthropic/anthropic-text.json")).isEqualTo(Expected.response("msg_01VdEjxAP5ahtHKrrRdNBteQ", SONNET_45,
        Message.assistant("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?"),
        FinishReason.STOP, Usage.of(12, 29)).build());
    assertThat(streamed("anthropic/anthropic-text.chunks.txt")).isEqualTo(Expected.response("msg_01QC4g3HwBThD4BaNtBckFDJ", SONNET_45,
        Message.assistant("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?"),
        FinishReason.STOP, Usage.of(12, 30)).build());
  }

  @Test
  void streamChunksAreExact() throws IOException {
    String id = "msg_01QC4g3HwBThD4BaNtBckFDJ";
    List<ChatChunk> expected = new ArrayList<>();
    expected.add(ChatChunk.builder(id, SONNET_45).role(Role.ASSISTANT).build());
    for (String delta : new String[] {"Hello", "! I", "'m doing well, thank you for asking", ". How are you doing today?",
        " Is", " there anything I can help you with?"}) {
      expected.add(ChatChunk.builder(id, SONNET_45).text(delta).build());
    }
    expected.add(ChatChunk.builder(id, SONNET_45).finishReason(FinishReason.STOP).usage(Usage.of(12, 30)).build());
    assertThat(chunks(Fixtures.sse("anthropic/anthropic-text.chunks.txt").getBytes())).containsExactlyElementsOf(expected);
  }

  @Test
  void toolUse() throws IOException {
    assertThat(whole("anthropic/anthropic-json-tool.1.json")).isEqualTo(Expected.response("msg_0191iYfpERYfS27xLsdW2nbb", HAIKU_45,
        Message.assistant(List.of(ToolCall.of("toolu_01Q9ExVZnzZj7E2QQYHYtNUa", "json", "{\"elements\":["
            + "{\"location\":\"San Francisco\",\"temperature\":-5,\"condition\":\"snowy\"},"
            + "{\"location\":\"London\",\"temperature\":0,\"condition\":\"snowy\"},"
            + "{\"location\":\"Paris\",\"temperature\":23,\"condition\":\"cloudy\"},"
            + "{\"location\":\"Berlin\",\"temperature\":-9,\"condition\":\"snowy\"}]}"))),
        FinishReason.TOOL_CALLS, Usage.of(1151, 87)).build());
    assertThat(streamed("anthropic/anthropic-json-tool.1.chunks.txt")).isEqualTo(Expected.response("msg_01K2JbSUMYhez5RHoK9ZCj9U",
        HAIKU_45, Message.assistant(List.of(ToolCall.of("toolu_01KFbKqPYSuAKujiL6mTfzYA", "json", JSON_ARGS))),
        FinishReason.TOOL_CALLS, Usage.of(849, 47)).build());
    assertThat(streamed("anthropic/anthropic-json-tool.2.chunks.txt")).isEqualTo(Expected.response("msg_01K2JbSUMYhez5RHoK9ZCj9U",
        HAIKU_45, Expected.assistant().addText("I'll invoke the JSON response tool.")
            .addToolCall(ToolCall.of("toolu_01KFbKqPYSuAKujiL6mTfzYA", "json", JSON_ARGS)).build(),
        FinishReason.TOOL_CALLS, Usage.of(849, 47)).build());
  }

  @Test
  void toolWithoutArguments() throws IOException {
    String file = "anthropic/anthropic-tool-no-args.json";
    assertThat(whole(file)).isEqualTo(Expected.response("msg_01GCBaV8gyWAYgMVggRqZbuQ", "claude-3-opus-20240229",
        Expected.assistant().addText(Fixtures.field(file, "/content/0/text"))
            .addToolCall(ToolCall.of("toolu_01LRmxn9vGM1d2DZSDBowdZ1", "updateIssueList", "{}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(602, 93)).build());
    assertThat(streamed("anthropic/anthropic-tool-no-args.chunks.txt")).isEqualTo(Expected.response("msg_01GE2RKp1VYsPzdFs3sS9z5S",
        SONNET_45, Expected.assistant().addText("I'll update the issue list for you.")
            .addToolCall(ToolCall.of("toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", "{}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(565, 48)).build());
  }

  @Test
  void thinkingKeepsItsSignature() throws IOException {
    String file = "anthropic/anthropic-clear-thinking.1.json";
    assertThat(whole(file)).isEqualTo(Expected.response("msg_01XrsJCi8CQoLcnnWdY8RsJz", SONNET_45,
        Expected.assistant().addReasoning(Reasoning.of("925 divided by 5 = 185", Fixtures.field(file, "/content/0/signature")))
            .addText("925 ÷ 5 = 185").build(),
        FinishReason.STOP, Usage.of(69, 33)).extra("context_management", Map.of("applied_edits", List.of())).build());
    String stream = "anthropic/anthropic-clear-thinking.1.chunks.txt";
    assertThat(streamed(stream)).isEqualTo(Expected.response("msg_01Y6V41gqPaKWEw7iPouH7iW", SONNET_45,
        Expected.assistant().addReasoning(Reasoning.of("The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185",
            Fixtures.field(stream, 13, "/delta/signature"))).addText("925 ÷ 5 = 185").build(),
        FinishReason.STOP, Usage.of(69, 53)).build());

    String opus = "anthropic/anthropic-claude-opus-5-reasoning-high.1.json";
    assertThat(whole(opus)).isEqualTo(Expected.response("msg_011CdMNhurHSJCxCC2NB7WYc", "claude-opus-5",
        Expected.assistant().addReasoning(Reasoning.of(Fixtures.field(opus, "/content/0/thinking"), Fixtures.field(opus, "/content/0/signature")))
            .addText(Fixtures.field(opus, "/content/1/text")).build(),
        // output_tokens_details.thinking_tokens: the reasoning part of output_tokens
        FinishReason.STOP, Usage.builder().inputTokens(51).outputTokens(1699).reasoningTokens(139).build()).build());
  }

  @Test
  void recordedThinkingStreamWithWhitespacePadding() throws IOException {
    JsonNode it = Fixtures.interactions("anthropic/test_anthropic_model_thinking_part_stream.yaml").get(0);
    ChatResponse s = Streams.assemble(chunks(Fixtures.responseBody(it)));
    assertThat(s).isEqualTo(Expected.response("msg_01ALwQ87pTS7hH1PjSdC9wJD", "claude-sonnet-4-20250514",
        Expected.assistant().addReasoning(Reasoning.of("This is a straightforward question about pedestrian safety. I should "
            + "provide clear, helpful advice about how to safely cross a street. This is basic safety information that could "
            + "help prevent accidents.", THINKING_SIGNATURE)).addText(CROSSING_ANSWER).build(),
        FinishReason.STOP, Usage.of(43, 282)).build());
    // the request we would send for the same call matches the recorded one
    ChatRequest req = ChatRequest.builder().addMessage(Message.user("How do I cross the street?")).maxTokens(4096)
        .extra("thinking", Map.of("budget_tokens", 1024, "type", "enabled")).build();
    assertThat(AnthropicCodec.encode(req, "claude-sonnet-4-0", Map.of(), new AnthropicCodec.Settings(4096, false), true))
        .isEqualTo(Json.tree(Fixtures.jsonOf(Json.bytes(it.get("request").get("parsed_body")))));
  }

  static final String THINKING_SIGNATURE = "EvMCCkYICxgCKkCHP2cSuEdcJK/0rFwqES/ecn+VurRpNTwI4XNyM0vnNfGsc9OmE8YYHauwBZ/uaRpmlEn2I4/"
      + "kszHlcpptO82JEgyRMSbPkJYaegxYF3AaDHZbSm9EzZ6CM+YtliIw3iNVP/ilYrfoneo8S2+ad/5xSC62nKbk6joLtKmqXgXwYFJRpjIUjM2V7EGReOPRKtoB"
      + "KfNHVmdNf7SeMhHalX/ObSeJ1G/NjDyGQAsDjyHGd7uY1r5gAIn3Cpdv5r+gHYJmWT+w2uiKZsBDRoSf4O3Km0l752EhPD4InEhqpCKyqhbUZ3dt5+JVKQHk2iy"
      + "TBhQMB/XBYgZTstIpRqQRXU5ypcrydgnqj3mD1G9C7YC0ZTCNvFluAx0OL8q+cQwufgfqKquLEf2+XMYzhx9jYkVFEpnf/s1nx6gNBATKfF3Dmrs2r4tWu2QJB+"
      + "FjlRuDp/8dxUxgJbmyhGxb7XsYeb1vgb7wwzDvP/UhjfQYAQ==";

  static final String CROSSING_ANSWER = """
      Here are the basic steps for safely crossing the street:

      **At intersections with traffic lights:**
      - Wait for the pedestrian "Walk" signal
      - Look both ways before stepping into the street
      - Make eye contact with drivers when possible
      - Stay alert for turning vehicles

      **At intersections without signals:**
      - Use crosswalks when available
      - Stop at the curb and look left, right, then left again
      - Wait for a clear gap in traffic
      - Walk briskly but don't run
      - Keep looking for traffic as you cross

      **General safety tips:**
      - Put away phones and remove headphones
      - Wear bright or reflective clothing in low light
      - Never assume drivers see you
      - Avoid crossing between parked cars
      - Walk facing traffic when there's no sidewalk

      **In busy urban areas:**
      - Follow pedestrian signals strictly
      - Be extra cautious of cyclists in bike lanes
      - Watch for buses and large vehicles with blind spots

      The key is to be visible, alert, and predictable in your movements. Always prioritize safety over speed when crossing streets.""";

  @Test
  void refusalStreamedAndWholeAgree() throws IOException {
    String explanation = "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.";
    ChatResponse r = whole("anthropic/anthropic-refusal.json");
    assertThat(r).isEqualTo(Expected.response("msg_01RefusalExampleAbcdefghijk", "claude-fable-5",
        Expected.assistant().refusal(explanation).build(), FinishReason.CONTENT_FILTER, Usage.of(18, 5))
        .extra("stop_details", Map.of("type", "refusal", "category", "cyber", "explanation", explanation,
            "recommended_model", "claude-fable-5")).build());
    // the same answer streamed: equal but for the recorded id and the whole body's extras
    ChatResponse s = streamed("anthropic/anthropic-refusal.chunks.txt");
    assertThat(s).isEqualTo(r.toBuilder().id("msg_01RefusalStreamAbcdefghijk").extras(Map.of()).build());

    assertThat(whole("anthropic/anthropic-refusal-no-details.json")).isEqualTo(Expected.response(
        "msg_01RefusalNoDetailsAbcdefghij", "claude-fable-5", Message.assistant(""), FinishReason.CONTENT_FILTER,
        Usage.of(18, 5)).build());

    assertThat(streamed("anthropic/refusal_response.txt")).isEqualTo(Expected.response("msg_01RefusalTestMessage123456789",
        "claude-opus-4-7", Expected.assistant().refusal("This request was refused due to policy.").build(),
        FinishReason.CONTENT_FILTER, Usage.of(20, 0)).build());
  }

  @Test
  void fallbackStreamedAndWholeAgree() throws IOException {
    String text = "The printing press was invented by Johannes Gutenberg around 1440.";
    ChatResponse r = whole("anthropic/anthropic-fallback.json");
    assertThat(r).isEqualTo(Expected.response("msg_01FallbackExampleAbcdefghij", "claude-opus-4-8", Message.assistant(text),
        FinishReason.STOP, Usage.of(412, 264)).extra("content_blocks", List.of(Map.of("type", "fallback",
            "from", Map.of("model", "claude-fable-5"), "to", Map.of("model", "claude-opus-4-8")))).build());
    // the stream reports the requested model in message_start; otherwise the same answer
    assertThat(streamed("anthropic/anthropic-fallback.chunks.txt"))
        .isEqualTo(r.toBuilder().id("msg_01FallbackStreamAbcdefghij").model("claude-fable-5").extras(Map.of()).build());
  }

  @Test
  void serverToolErrorResultIsKept() {
    String file = "anthropic/anthropic-web-fetch-tool.error.json";
    JsonNode root = Fixtures.json(file);
    assertThat(whole(file)).isEqualTo(Expected.response("msg_01MT4gZLLHg1yg5d6eo41LJe", "claude-sonnet-4-20250514",
        Message.assistant(Fixtures.field(file, "/content/0/text") + Fixtures.field(file, "/content/3/text")),
        FinishReason.STOP, Usage.of(1902, 214))
        .extra("content_blocks", List.of(Json.plain(root.at("/content/1")), Json.plain(root.at("/content/2")))).build());
  }

  @Test
  void messageDeltaInputTokensWin() throws IOException {
    assertThat(streamed("anthropic/anthropic-message-delta-input-tokens.chunks.txt")).isEqualTo(Expected.response(
        "msg_3196a1cc08de4d76b85b8f5777c0d42b", "claude-opus-4-5-20251101", Message.assistant("pong"), FinishReason.STOP,
        Usage.of(61, 2)).build());
  }

  @Test
  void rawSdkStreams() throws IOException {
    assertThat(streamed("anthropic/basic_response.txt")).isEqualTo(Expected.response("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK",
        "claude-3-opus-latest", Message.assistant("Hello there!"), FinishReason.STOP, Usage.of(11, 6)).build());

    assertThat(streamed("anthropic/tool_use_response.txt")).isEqualTo(Expected.response("msg_019Q1hrJbZG26Fb9BQhrkHEr",
        "claude-sonnet-4-20250514", Expected.assistant().addText("I'll check the current weather in Paris for you.")
            .addToolCall(ToolCall.of("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(377, 65)).build());

    // padding inside data lines, a tool block cut by max_tokens and never stopped: its arguments stay cut
    assertThat(streamed("anthropic/incomplete_partial_json_response.txt")).isEqualTo(Expected.response(
        "msg_01UdjYBBipA9omjYhicnevgq", "claude-3-7-sonnet-20250219", Expected.assistant()
            .addText("I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file called taxes.txt. "
                + "Let me do that for you now.")
            .addToolCall(ToolCall.of("toolu_01EKqbqmZrGRXy18eN7m9kvY", "make_file", "{\"filename\": \"taxes.txt\", "
                + "\"lines_of_text\": [\n\"# COMPREHENSIVE TAX GUIDE FOR INDIVIDUALS WITH MULTIPLE W-2s\",\n\"\",\n"
                + "\"## INTRODUCTION\",\n\"\",\n\"Filing taxes")).build(),
        FinishReason.LENGTH, Usage.of(450, 124)).build());
  }

  @Test
  void duplicateMessageStartBeforeContentIsTolerated() throws IOException {
    assertThat(streamed("anthropic/duplicate-message-start.chunks.txt")).isEqualTo(Expected.response("msg_dup",
        "claude-3-haiku-20240307", Message.assistant("Hello, World!"), FinishReason.STOP, Usage.of(17, 227)).build());
  }

  @Test
  void aRestartAfterContentEndsTheStreamRetryably() {
    assertThatThrownBy(() -> streamed("anthropic/spliced-message-start.chunks.txt"))
        .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("restarted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"anthropic/derived/error-event-overloaded.docs.sse", "anthropic/derived/error-event-overloaded.observed.sse"})
  void overloadedErrorEventAfter200IsARetryableStreamException(String file) {
    String body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
        + Fixtures.text(file);
    List<ChatChunk> got = new ArrayList<>();
    assertThatThrownBy(() -> new AnthropicStreamDecoder("anthropic").decode(new Buffer().writeUtf8(body), got::add))
        .isInstanceOfSatisfying(StreamException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getCause()).isInstanceOf(ProviderServerException.class);
          assertThat(e.getMessage()).contains("overloaded_error");
        });
    assertThat(got).extracting(ChatChunk::text).contains("Hi");
  }

  @Test
  void invalidRequestErrorEventIsNotRetryable() {
    String body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}\n\n";
    assertThatThrownBy(() -> chunks(body.getBytes()))
        .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void aStreamThatEndsWithoutMessageStopFails() {
    String body = Fixtures.sse("anthropic/anthropic-text.chunks.txt");
    String cut = body.substring(0, body.indexOf("data: {\"type\":\"message_stop\"}"));
    assertThatThrownBy(() -> chunks(cut.getBytes())).isInstanceOfSatisfying(ProviderServerException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.reason()).isEqualTo(ProviderErrorCode.RESPONSE_TRUNCATED);
      assertThat(e.getMessage()).isEqualTo("provider 'anthropic' answered 200 (incomplete_stream): the stream ended before message_stop");
    });
  }

  @Test
  void parallelToolCallsAndTheirGroupedResultsMatchTheRecording() {
    List<JsonNode> its = Fixtures.interactions("anthropic/test_multiple_parallel_tool_calls.yaml");
    JsonNode first = its.get(0);
    ChatResponse r = AnthropicCodec.decode(Fixtures.jsonOf(Fixtures.responseBody(first)), 0);
    assertThat(r).isEqualTo(Expected.response("msg_011S3wxtqL5CVescWqS3zeg2", HAIKU_45, Expected.assistant()
        .addText("I'll help you find out who is the youngest by retrieving information about each family member. "
            + "I'll retrieve their entity information to compare their ages.")
        .addToolCall(ToolCall.of("toolu_0167cfEnoQaPviGdVXA95zcu", "retrieve_entity_info", "{\"name\":\"Alice\"}"))
        .addToolCall(ToolCall.of("toolu_01EEe2V5HD1Ac4rKiUR4HD2T", "retrieve_entity_info", "{\"name\":\"Bob\"}"))
        .addToolCall(ToolCall.of("toolu_01XFyAjstT3966qvRynZyVPo", "retrieve_entity_info", "{\"name\":\"Charlie\"}"))
        .addToolCall(ToolCall.of("toolu_013mnQZbgtK2oe3Mo3XKJsx3", "retrieve_entity_info", "{\"name\":\"Daisy\"}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(423, 202)).build());

    JsonNode recorded = its.get(1).get("request").get("parsed_body").deepCopy();
    String system = recorded.get("system").asText();
    JsonNode tool = recorded.get("tools").get(0);
    String[] results = {"alice is bob's wife", "bob is alice's husband", "charlie is alice's son",
        "daisy is bob's daughter and charlie's younger sister"};
    ChatRequest.Builder b = ChatRequest.builder()
        .addMessage(Message.system(system))
        .addMessage(Message.user("Alice, Bob, Charlie and Daisy are a family. Who is the youngest?"))
        .addMessage(r.message())
        .addTool(Tool.function(tool.get("name").asText(), tool.get("description").asText(), Json.text(tool.get("input_schema"))))
        .toolChoice(ToolChoice.AUTO);
    for (int i = 0; i < 4; i++) b.addMessage(Message.tool(r.message().toolCalls().get(i).id(), results[i]));
    ObjectNode sent = AnthropicCodec.encode(b.build(), "claude-haiku-4-5", Map.of(), new AnthropicCodec.Settings(4096, false), false);
    // the recorder's client also sends stream:false and is_error:false, which are defaults
    ((ObjectNode) recorded).remove("stream");
    recorded.get("messages").get(2).get("content").forEach(c -> ((ObjectNode) c).remove("is_error"));
    assertThat(sent).isEqualTo(Json.tree(Fixtures.jsonOf(Json.bytes(recorded))));

    assertThat(AnthropicCodec.decode(Fixtures.jsonOf(Fixtures.responseBody(its.get(1))), 0)).isEqualTo(Expected.response(
        "msg_01JVqZPgDwmnyb2kKC3MwCVf", HAIKU_45, Message.assistant("Based on the retrieved information, we can see the family "
            + "relationships:\n- Alice and Bob are married\n- Charlie is their son\n- Daisy is their daughter and Charlie's younger "
            + "sister\n\nTherefore, Daisy is the youngest in the family. She is described as Charlie's younger sister, which "
            + "indicates she is the youngest among the four family members."), FinishReason.STOP, Usage.of(771, 77)).build());
  }

  @Test
  void cachedTokensAreAddedOnceIntoInput() {
    JsonNode u = Fixtures.jsonOf("{\"input_tokens\":10,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":5}".getBytes());
    Usage usage = AnthropicCodec.usage(u, null);
    assertThat(usage).isEqualTo(Usage.builder().inputTokens(1110).outputTokens(5).cacheReadTokens(1000).cacheWriteTokens(100).build());
    assertThat(usage.totalTokens()).isEqualTo(1115);
    // a message_delta with only output tokens keeps the cached split
    assertThat(AnthropicCodec.usage(Fixtures.jsonOf("{\"output_tokens\":9}".getBytes()), usage))
        .isEqualTo(Usage.builder().inputTokens(1110).outputTokens(9).cacheReadTokens(1000).cacheWriteTokens(100).build());
  }

  @Test
  void reasoningIsSentBackWithItsSignature() {
    Message assistant = Message.builder(dev.aegis.api.chat.Role.ASSISTANT)
        .addReasoning(Reasoning.of("think", "sig")).addReasoning(new Reasoning("", null, "opaque"))
        .addText("answer").build();
    ChatRequest req = ChatRequest.builder().addMessage(Message.user("q")).addMessage(assistant)
        .addMessage(Message.user("more")).build();
    ObjectNode body = AnthropicCodec.encode(req, "m", Map.of(), new AnthropicCodec.Settings(100, false), false);
    assertThat(Json.text(body.get("messages").get(1))).isEqualTo("{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"thinking\",\"thinking\":\"think\",\"signature\":\"sig\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"},{\"type\":\"text\",\"text\":\"answer\"}]}");
  }

  @Test
  void redactedThinkingSurvivesStreaming() throws IOException {
    String body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],"
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EncryptedBlob==\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"answer\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":7}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    List<ChatChunk> out = new ArrayList<>();
    new AnthropicStreamDecoder("anthropic").decode(new Buffer().writeUtf8(body), out::add);
    ChatResponse r = Streams.assemble(out);
    assertThat(r.message().reasoning()).containsExactly(new Reasoning("", null, "EncryptedBlob=="));
    assertThat(r.text()).isEqualTo("answer");
    // and it is sent back unchanged on the next turn
    ChatRequest next = ChatRequest.builder().addMessage(Message.user("q")).addMessage(r.message())
        .addMessage(Message.user("more")).build();
    ObjectNode encoded = AnthropicCodec.encode(next, "m", Map.of(), new AnthropicCodec.Settings(100, false), false);
    assertThat(Json.text(encoded.get("messages").get(1))).contains("{\"type\":\"redacted_thinking\",\"data\":\"EncryptedBlob==\"}");
  }
}
