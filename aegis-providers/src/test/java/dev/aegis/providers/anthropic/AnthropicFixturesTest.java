package dev.aegis.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.anthropic.internal.AnthropicCodec;
import dev.aegis.providers.anthropic.internal.AnthropicStreamDecoder;
import dev.aegis.providers.internal.Json;
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

  @Test
  void text() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-text.json");
    assertThat(r.id()).isEqualTo("msg_01VdEjxAP5ahtHKrrRdNBteQ");
    assertThat(r.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(r.text()).isEqualTo("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.of(12, 29));

    ChatResponse s = streamed("anthropic/anthropic-text.chunks.txt");
    assertThat(s.id()).isEqualTo("msg_01QC4g3HwBThD4BaNtBckFDJ");
    assertThat(s.text()).isEqualTo("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(s.usage()).isEqualTo(Usage.of(12, 30));
  }

  @Test
  void streamChunksAreExact() throws IOException {
    List<ChatChunk> c = chunks(Fixtures.sse("anthropic/anthropic-text.chunks.txt").getBytes());
    assertThat(c).hasSize(8); // role, six text deltas, finish+usage
    assertThat(c.get(0).role()).isNotNull();
    assertThat(c.get(1).text()).isEqualTo("Hello");
    ChatChunk last = c.get(7);
    assertThat(last.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(last.usage()).isEqualTo(Usage.of(12, 30));
    assertThat(last.text()).isEqualTo("");
  }

  @Test
  void toolUse() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-json-tool.1.json");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.message().toolCalls()).hasSize(1);
    ToolCall tc = r.message().toolCalls().get(0);
    assertThat(tc.id()).isEqualTo("toolu_01Q9ExVZnzZj7E2QQYHYtNUa");
    assertThat(tc.name()).isEqualTo("json");
    assertThat(Json.tryRead(tc.arguments()).get("elements")).hasSize(4);

    ChatResponse s = streamed("anthropic/anthropic-json-tool.1.chunks.txt");
    assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(s.message().toolCalls()).hasSize(1);
    assertThat(s.message().toolCalls().get(0).name()).isEqualTo("json");
    assertThat(s.message().toolCalls().get(0).arguments())
        .isEqualTo("{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]}");

    ChatResponse s2 = streamed("anthropic/anthropic-json-tool.2.chunks.txt");
    assertThat(s2.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(s2.message().toolCalls().get(0).id()).isEqualTo("toolu_01KFbKqPYSuAKujiL6mTfzYA");
    assertThat(Json.tryRead(s2.message().toolCalls().get(0).arguments())).isNotNull();
    assertThat(s2.usage().inputTokens()).isEqualTo(849);
  }

  @Test
  void toolWithoutArguments() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-tool-no-args.json");
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("toolu_01LRmxn9vGM1d2DZSDBowdZ1", "updateIssueList", "{}"));
    assertThat(r.text()).startsWith("<thinking>");
    ChatResponse s = streamed("anthropic/anthropic-tool-no-args.chunks.txt");
    assertThat(s.message().toolCalls()).hasSize(1);
    assertThat(s.message().toolCalls().get(0).name()).isEqualTo("updateIssueList");
    assertThat(s.message().toolCalls().get(0).arguments()).isEqualTo("{}");
    assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void thinkingKeepsItsSignature() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-clear-thinking.1.json");
    assertThat(r.text()).isEqualTo("925 ÷ 5 = 185");
    assertThat(r.message().reasoning()).hasSize(1);
    assertThat(r.message().reasoning().get(0).text()).isEqualTo("925 divided by 5 = 185");
    assertThat(r.message().reasoning().get(0).signature()).startsWith("Er4BCkYICxgCKkCoxq");
    ChatResponse s = streamed("anthropic/anthropic-clear-thinking.1.chunks.txt");
    assertThat(s.message().reasoning()).hasSize(1);
    assertThat(s.message().reasoning().get(0).text()).isNotEmpty();
    assertThat(s.message().reasoning().get(0).signature()).isNotBlank();
    assertThat(s.text()).isNotEmpty();
    assertThat(s.usage()).isEqualTo(Usage.of(69, 53));

    ChatResponse opus = whole("anthropic/anthropic-claude-opus-5-reasoning-high.1.json");
    assertThat(opus.message().reasoning()).isNotEmpty();
    assertThat(opus.finishReason()).isNotNull();
  }

  @Test
  void recordedThinkingStreamWithWhitespacePadding() throws IOException {
    JsonNode it = Fixtures.interactions("anthropic/test_anthropic_model_thinking_part_stream.yaml").get(0);
    ChatResponse s = Streams.assemble(chunks(Fixtures.responseBody(it)));
    assertThat(s.message().reasoning()).hasSize(1);
    assertThat(s.message().reasoning().get(0).text()).isNotBlank();
    assertThat(s.message().reasoning().get(0).signature()).isNotBlank();
    assertThat(s.text()).isNotBlank();
    assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(s.usage().inputTokens()).isEqualTo(43);
    // the request we would send for the same call matches the recorded one
    ChatRequest req = ChatRequest.builder().addMessage(Message.user("How do I cross the street?")).maxTokens(4096)
        .extra("thinking", Map.of("budget_tokens", 1024, "type", "enabled")).build();
    assertThat(AnthropicCodec.encode(req, "claude-sonnet-4-0", Map.of(), new AnthropicCodec.Settings(4096, false), true))
        .isEqualTo(Json.tree(Fixtures.jsonOf(Json.bytes(it.get("request").get("parsed_body")))));
  }

  @Test
  void refusalStreamedAndWholeAgree() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-refusal.json");
    ChatResponse s = streamed("anthropic/anthropic-refusal.chunks.txt");
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.message().refusal()).startsWith("This request triggered restrictions");
    assertThat(s.finishReason()).isEqualTo(r.finishReason());
    assertThat(s.message().refusal()).isEqualTo(r.message().refusal());
    assertThat(s.text()).isEqualTo(r.text());
    assertThat(s.usage()).isEqualTo(r.usage());

    ChatResponse noDetails = whole("anthropic/anthropic-refusal-no-details.json");
    assertThat(noDetails.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(noDetails.message().refusal()).isNull();

    ChatResponse raw = streamed("anthropic/refusal_response.txt");
    assertThat(raw.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(raw.message().refusal()).isEqualTo("This request was refused due to policy.");
  }

  @Test
  void fallbackStreamedAndWholeAgree() throws IOException {
    ChatResponse r = whole("anthropic/anthropic-fallback.json");
    ChatResponse s = streamed("anthropic/anthropic-fallback.chunks.txt");
    assertThat(r.text()).isEqualTo("The printing press was invented by Johannes Gutenberg around 1440.");
    assertThat(s.text()).isEqualTo(r.text());
    assertThat(s.usage()).isEqualTo(r.usage()).isEqualTo(Usage.of(412, 264));
    assertThat(s.finishReason()).isEqualTo(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.extras()).containsKey("content_blocks");
  }

  @Test
  void serverToolErrorResultIsKept() {
    ChatResponse r = whole("anthropic/anthropic-web-fetch-tool.error.json");
    assertThat(r.extras()).containsKey("content_blocks");
    assertThat(r.finishReason()).isNotNull();
  }

  @Test
  void messageDeltaInputTokensWin() throws IOException {
    ChatResponse s = streamed("anthropic/anthropic-message-delta-input-tokens.chunks.txt");
    assertThat(s.usage()).isEqualTo(Usage.of(61, 2));
    assertThat(s.text()).isEqualTo("pong");
  }

  @Test
  void rawSdkStreams() throws IOException {
    ChatResponse basic = streamed("anthropic/basic_response.txt");
    assertThat(basic.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(basic.usage().outputTokens()).isEqualTo(6);
    assertThat(basic.text()).isNotBlank();

    ChatResponse tool = streamed("anthropic/tool_use_response.txt");
    assertThat(tool.text()).isEqualTo("I'll check the current weather in Paris for you.");
    assertThat(tool.message().toolCalls()).hasSize(1);
    ToolCall tc = tool.message().toolCalls().get(0);
    assertThat(tc.id()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
    assertThat(tc.name()).isEqualTo("get_weather");
    assertThat(Json.tryRead(tc.arguments()).get("location").asText()).isEqualTo("Paris");
    assertThat(tool.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);

    // padding inside data lines, a tool block cut by max_tokens and never stopped
    ChatResponse cut = streamed("anthropic/incomplete_partial_json_response.txt");
    assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(cut.message().toolCalls()).hasSize(1);
    assertThat(cut.message().toolCalls().get(0).name()).isEqualTo("make_file");
    assertThat(cut.usage().outputTokens()).isEqualTo(124);
  }

  @Test
  void duplicateMessageStartBeforeContentIsTolerated() throws IOException {
    ChatResponse s = streamed("anthropic/duplicate-message-start.chunks.txt");
    assertThat(s.text()).isEqualTo("Hello, World!");
    assertThat(s.usage()).isEqualTo(Usage.of(17, 227));
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
    assertThatThrownBy(() -> chunks(cut.getBytes()))
        .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void parallelToolCallsAndTheirGroupedResultsMatchTheRecording() {
    List<JsonNode> its = Fixtures.interactions("anthropic/test_multiple_parallel_tool_calls.yaml");
    JsonNode first = its.get(0);
    ChatResponse r = AnthropicCodec.decode(Fixtures.jsonOf(Fixtures.responseBody(first)), 0);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.message().toolCalls()).extracting(ToolCall::arguments)
        .containsExactly("{\"name\":\"Alice\"}", "{\"name\":\"Bob\"}", "{\"name\":\"Charlie\"}", "{\"name\":\"Daisy\"}");
    assertThat(r.usage()).isEqualTo(Usage.of(423, 202));

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

    ChatResponse answer = AnthropicCodec.decode(Fixtures.jsonOf(Fixtures.responseBody(its.get(1))), 0);
    assertThat(answer.text()).contains("Daisy is the youngest");
    assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void cachedTokensAreAddedOnceIntoInput() {
    JsonNode u = Fixtures.jsonOf("{\"input_tokens\":10,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":5}".getBytes());
    Usage usage = AnthropicCodec.usage(u, null);
    assertThat(usage).isEqualTo(new Usage(1110, 5, 1000, 100, 0));
    assertThat(usage.totalTokens()).isEqualTo(1115);
    // a message_delta with only output tokens keeps the cached split
    assertThat(AnthropicCodec.usage(Fixtures.jsonOf("{\"output_tokens\":9}".getBytes()), usage))
        .isEqualTo(new Usage(1110, 9, 1000, 100, 0));
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
