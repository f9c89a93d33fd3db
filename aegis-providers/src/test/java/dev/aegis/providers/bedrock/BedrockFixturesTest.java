package dev.aegis.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.bedrock.internal.BedrockCodec;
import dev.aegis.providers.aws.internal.EventStreamDecoder;
import dev.aegis.providers.aws.internal.EventStreamMessage;
import dev.aegis.providers.bedrock.internal.BedrockStreamDecoder;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.Expected;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Every recorded Bedrock fixture decoded to its exact normalized form. */
class BedrockFixturesTest {

  static ChatResponse whole(String file) {
    return BedrockCodec.decode(Fixtures.json(file), "id", "m", 0);
  }

  /** A {@code *.chunks.txt} file: one {"eventType": payload} per line. */
  static ChatResponse chunks(String file) {
    BedrockStreamDecoder d = new BedrockStreamDecoder("bedrock", "id", "m");
    List<ChatChunk> out = new ArrayList<>();
    for (String line : Fixtures.lines(file)) {
      var e = Json.tryRead(line).fields().next();
      d.onEvent(e.getKey(), e.getValue(), out::add);
    }
    return Streams.assemble(out);
  }

  static List<ChatChunk> frames(byte[] body) throws IOException {
    List<ChatChunk> out = new ArrayList<>();
    new BedrockStreamDecoder("bedrock", "id", "m").decode(new Buffer().write(body), out::add);
    return out;
  }

  /** The JSON payload of frame {@code n} of a recorded event stream, read at the frame level (EventStreamDecoderTest pins the framing). */
  static JsonNode payload(String file, int n) throws IOException {
    EventStreamDecoder frames = new EventStreamDecoder(new Buffer().write(Fixtures.bytes(file)));
    EventStreamMessage m = null;
    for (int i = 0; i <= n; i++) m = frames.next();
    return Json.read(m.payload());
  }

  static ChatResponse.Builder expected(Message m, FinishReason finish, Usage usage) {
    return Expected.response("id", "m", m, finish, usage);
  }

  static ChatResponse recorded(String bin) throws IOException {
    return Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/" + bin)));
  }

  @Test
  void text() {
    assertThat(whole("amazon-bedrock/amazon-bedrock-text.json")).isEqualTo(expected(Message.assistant(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** \"r\"s in \"strawberry.\""),
        FinishReason.STOP, Usage.of(22, 57)).extra("stopReason", "end_turn").extra("metrics", Map.of("latencyMs", 1864)).build());
    assertThat(chunks("amazon-bedrock/amazon-bedrock-text.chunks.txt")).isEqualTo(expected(Message.assistant(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r's in \"strawberry.\""),
        FinishReason.STOP, Usage.of(22, 55)).build());
  }

  @Test
  void cacheTokensUnderBothSpellingsAreAddedOnce() {
    JsonNode a = Fixtures.jsonOf("{\"inputTokens\":10,\"outputTokens\":5,\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":7}".getBytes());
    JsonNode b = Fixtures.jsonOf(("{\"inputTokens\":10,\"outputTokens\":5,\"cacheReadInputTokenCount\":100,\"cacheWriteInputTokenCount\":7,"
        + "\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":7}").getBytes());
    Usage expected = Usage.builder().inputTokens(117).outputTokens(5).cacheReadTokens(100).cacheWriteTokens(7).build();
    assertThat(BedrockCodec.usage(a)).isEqualTo(expected);
    assertThat(BedrockCodec.usage(b)).isEqualTo(expected);
  }

  @Test
  void cacheWritesSplitByTtlWholeAndStreamed() throws IOException {
    // the documented TokenUsage shape (Bedrock API reference, TokenUsage / CacheDetail): cacheDetails sorted 1h before 5m
    String usage = "{\"inputTokens\":12,\"outputTokens\":40,\"totalTokens\":3052,\"cacheReadInputTokens\":1000,"
        + "\"cacheWriteInputTokens\":2000,\"cacheDetails\":[{\"ttl\":\"1h\",\"inputTokens\":1500},{\"ttl\":\"5m\",\"inputTokens\":500}]}";
    Usage expected = Usage.builder().inputTokens(3012).outputTokens(40).cacheReadTokens(1000).cacheWriteTokens(2000)
        .cacheWrite1hTokens(1500).cacheWrite5mTokens(500).build();
    String body = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},\"stopReason\":\"end_turn\","
        + "\"usage\":" + usage + "}";
    assertThat(BedrockCodec.decode(Fixtures.jsonOf(body.getBytes()), "id", "m", 0))
        .isEqualTo(expected(Message.assistant("ok"), FinishReason.STOP, expected).extra("stopReason", "end_turn").build());
    BedrockStreamDecoder d = new BedrockStreamDecoder("bedrock", "id", "m");
    List<ChatChunk> out = new ArrayList<>();
    d.onEvent("contentBlockDelta", Json.read("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"ok\"}}"), out::add);
    d.onEvent("messageStop", Json.read("{\"stopReason\":\"end_turn\"}"), out::add);
    d.onEvent("metadata", Json.read("{\"usage\":" + usage + "}"), out::add);
    assertThat(Streams.assemble(out)).isEqualTo(expected(Message.assistant("ok"), FinishReason.STOP, expected).build());
  }

  @Test
  void toolUseWholeAndStreamed() {
    assertThat(whole("amazon-bedrock/amazon-bedrock-tool-call.1.json")).isEqualTo(expected(
        Message.assistant(List.of(ToolCall.of("tool-use-id", "bash", "{\"command\":\"ls -l\"}"))),
        FinishReason.TOOL_CALLS, Usage.of(10, 20)).extra("stopReason", "tool_use").build());
    // metadata arrives before messageStop in this recording
    assertThat(chunks("amazon-bedrock/amazon-bedrock-tool-call.1.chunks.txt")).isEqualTo(expected(
        Message.assistant(List.of(ToolCall.of("tool-use-id", "test-tool", "{\"value\":\"Sparkle Day\"}"))),
        FinishReason.TOOL_CALLS, Usage.of(125, 45)).build());
  }

  @Test
  void toolWithoutArgumentsStreamedAndWholeAgree() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-tool-no-args.json");
    assertThat(r).isEqualTo(expected(Expected.assistant().addText("I'll update the issue list for you.")
        .addToolCall(ToolCall.of("tool-use-id", "updateIssueList", "{}")).build(), FinishReason.TOOL_CALLS, Usage.of(100, 25))
        .extra("stopReason", "tool_use").build());
    assertThat(chunks("amazon-bedrock/amazon-bedrock-tool-no-args.chunks.txt")).isEqualTo(r.toBuilder().extras(Map.of()).build());
  }

  @Test
  void mixedToolsAndText() {
    assertThat(whole("amazon-bedrock/amazon-bedrock-json-with-tools.1.json")).isEqualTo(expected(Expected.assistant()
        .addText("Calling multiple tools.Finally the JSON response.")
        .addToolCall(ToolCall.of("tool-1", "tool-a", "{\"param\":\"a\"}"))
        .addToolCall(ToolCall.of("tool-2", "tool-b", "{\"param\":\"b\"}"))
        .addToolCall(ToolCall.of("json-tool-id", "json", "{\"final\":\"result\"}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(28, 62)).extra("stopReason", "tool_use").build());
    // this recording has no metadata event: no usage
    assertThat(chunks("amazon-bedrock/amazon-bedrock-json-with-tools.1.chunks.txt")).isEqualTo(expected(Expected.assistant()
        .addText("Multiple tools.Final JSON.")
        .addToolCall(ToolCall.of("tool-1", "tool-a", "{\"a\":\"1\"}"))
        .addToolCall(ToolCall.of("tool-2", "tool-b", "{\"b\":\"2\"}"))
        .addToolCall(ToolCall.of("json-tool-id", "json", "{\"final\":\"result\"}")).build(),
        FinishReason.TOOL_CALLS, Usage.ZERO).build());
  }

  @Test
  void reasoningWithSignature() {
    String file = "amazon-bedrock/amazon-bedrock-reasoning.json";
    String answer = "There are **3** r's in \"strawberry\":\n\n1. st**r**awbe**r****r**y";
    assertThat(whole(file)).isEqualTo(expected(Expected.assistant()
        .addReasoning(Reasoning.of("Let me count the r's in \"strawberry\":\n\ns-t-r-a-w-b-e-r-r-y\n\nThere are 3 r's.",
            Fixtures.field(file, "/output/message/content/0/reasoningContent/reasoningText/signature")))
        .addText(answer).build(), FinishReason.STOP, Usage.of(51, 78))
        .extra("stopReason", "end_turn").extra("metrics", Map.of("latencyMs", 2202)).build());
    String stream = "amazon-bedrock/amazon-bedrock-reasoning.chunks.txt";
    assertThat(chunks(stream)).isEqualTo(expected(Expected.assistant()
        .addReasoning(Reasoning.of("Let me count the r's in \"strawberry\":\n\ns-t-r-a-w-b-e-r-r-y\n\n"
            + "r appears at positions 3, 8, and 9.\n\nSo there are 3 r's.",
            Fixtures.field(stream, 12, "/contentBlockDelta/delta/reasoningContent/signature")))
        .addText(answer).build(), FinishReason.STOP, Usage.of(51, 94)).build());
  }

  @Test
  void recordedBinaryStreams() throws IOException {
    assertThat(recorded("test_bedrock_model_stream.response0.eventstream.bin")).isEqualTo(expected(Message.assistant(
        "The capital of France is Paris. Paris is not only the capital city but also the most populous city in France, and it "
            + "is a major center for culture, commerce, fashion, and international diplomacy. Known for its historical landmarks, "
            + "such as the Eiffel Tower, the Louvre Museum, and Notre-Dame Cathedral, Paris is often referred to as \"The City of "
            + "Light\" or \"The City of Love.\""), FinishReason.STOP, Usage.of(13, 82)).build());
    // the same body as the cassette's !!binary string
    JsonNode it = Fixtures.interactions("amazon-bedrock/test_bedrock_model_stream.yaml").get(0);
    assertThat(Fixtures.responseBody(it)).isEqualTo(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_stream.response0.eventstream.bin"));

    assertThat(recorded("test_bedrock_model_iter_stream.response0.eventstream.bin")).isEqualTo(expected(Expected.assistant()
        .addText("<thinking> To find the temperature of the capital of France, I need to first determine the capital of France "
            + "and then get the current temperature in that city. The capital of France is Paris. I will use the "
            + "\"get_temperature\" tool to find the current temperature in Paris.</thinking>\n")
        .addToolCall(ToolCall.of("tooluse_lAG_zP8QRHmSYOwZzzaCqA", "get_temperature", "{\"city\":\"Paris\"}")).build(),
        FinishReason.TOOL_CALLS, Usage.of(471, 91)).build());

    assertThat(recorded("test_bedrock_model_iter_stream.response1.eventstream.bin")).isEqualTo(expected(Message.assistant(
        "The current temperature in Paris, the capital of France, is 30°C."), FinishReason.STOP, Usage.of(577, 18)).build());

    String thinking = "amazon-bedrock/derived/test_bedrock_model_thinking_part_stream.response0.eventstream.bin";
    assertThat(recorded("test_bedrock_model_thinking_part_stream.response0.eventstream.bin")).isEqualTo(expected(Expected.assistant()
        .addReasoning(Reasoning.of("The user has greeted me with a simple \"Hello\". I should respond in a friendly and welcoming "
            + "manner. This is a straightforward greeting, so I'll respond warmly and ask how I can help them today.",
            payload(thinking, 15).at("/delta/reasoningContent/signature").asText()))
        .addText("Hello! It's nice to meet you. How can I help you today?").build(), FinishReason.STOP, Usage.of(36, 73)).build());

    // redacted reasoning survives streaming: each block keeps its opaque data to echo back
    String redacted = "amazon-bedrock/derived/test_bedrock_model_thinking_part_redacted_stream.response0.eventstream.bin";
    assertThat(recorded("test_bedrock_model_thinking_part_redacted_stream.response0.eventstream.bin")).isEqualTo(expected(
        Expected.assistant()
            .addReasoning(new Reasoning("", null, payload(redacted, 1).at("/delta/reasoningContent/redactedContent").asText()))
            .addReasoning(new Reasoning("", null, payload(redacted, 3).at("/delta/reasoningContent/redactedContent").asText()))
            .addText("I notice you've sent what appears to be some kind of command or trigger string, but I don't respond to "
                + "special codes or triggers. That string doesn't have any special meaning to me.\n\nIf you have a question "
                + "you'd like to discuss or need assistance with something, I'd be happy to help in a straightforward "
                + "conversation. What would you like to talk about today?").build(),
        FinishReason.STOP, Usage.of(92, 253)).build());

    assertThat(recorded("test_bedrock_model_stream_empty_text_delta.response0.eventstream.bin")).isEqualTo(expected(
        Expected.assistant().addReasoning(Reasoning.of("The user just says \"Hi\". We need to respond appropriately, friendly "
            + "greeting. No special instructions. Should be short.")).addText("Hello! How can I help you today?").build(),
        FinishReason.STOP, Usage.of(70, 43)).build());
  }

  @Test
  void recordedConverseAnswers() {
    JsonNode plain = Fixtures.jsonOf(Fixtures.responseBody(Fixtures.interactions("amazon-bedrock/test_bedrock_model.yaml").get(0)));
    assertThat(BedrockCodec.decode(plain, "id", "m", 0)).isEqualTo(expected(Message.assistant("Hello! How can I assist you today? "
        + "Whether you have questions, need information, or just want to chat, I'm here to help."), FinishReason.STOP, Usage.of(7, 30))
        .extra("stopReason", "end_turn").extra("metrics", Map.of("latencyMs", 268)).build());
    JsonNode guarded = Fixtures.jsonOf(Fixtures.responseBody(
        Fixtures.interactions("amazon-bedrock/test_bedrock_model_guardrail_config.yaml").get(0)));
    assertThat(BedrockCodec.decode(guarded, "id", "m", 0)).isEqualTo(expected(Message.assistant("The capital of France is Paris. "
        + "Paris is not only the capital city but also the most populous city in France, serving as the center of French "
        + "government, culture, and commerce. It's known for its historical and cultural landmarks such as the Eiffel Tower, the "
        + "Louvre Museum, Notre-Dame Cathedral, and many charming neighborhoods like Montmartre."), FinishReason.STOP, Usage.of(13, 69))
        .extra("stopReason", "end_turn").extra("metrics", Map.of("latencyMs", 1257))
        .extra("trace", Json.plain(guarded.get("trace"))).build());
  }

  @Test
  void recordedConverseRequestMatches() {
    JsonNode it = Fixtures.interactions("amazon-bedrock/test_bedrock_model.yaml").get(0);
    var req = dev.aegis.api.chat.ChatRequest.builder().addMessage(dev.aegis.api.chat.Message.system("You are a chatbot."))
        .addMessage(dev.aegis.api.chat.Message.user("Hello!")).build();
    JsonNode recorded = Fixtures.jsonOf(it.get("request").get("body").asText().getBytes());
    ((com.fasterxml.jackson.databind.node.ObjectNode) recorded).remove("inferenceConfig"); // botocore sends an empty {}
    assertThat(Json.tree(Fixtures.jsonOf(Json.bytes(BedrockCodec.encode(req, Map.of()))))).isEqualTo(Json.tree(recorded));
  }

  @Test
  void exceptionFramesAreTypedStreamErrors() {
    assertThatThrownBy(() -> frames(exceptionFrame("throttlingException", "{\"message\":\"Too many requests\"}")))
        .isInstanceOfSatisfying(StreamException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getCause()).isInstanceOf(ProviderRateLimitException.class);
        });
    assertThatThrownBy(() -> frames(exceptionFrame("validationException", "{\"message\":\"bad input\"}")))
        .isInstanceOfSatisfying(StreamException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getCause()).isInstanceOf(ProviderInvalidRequestException.class);
        });
    assertThatThrownBy(() -> frames(exceptionFrame("internalServerException", "{\"message\":\"oops\"}")))
        .isInstanceOfSatisfying(StreamException.class, e -> assertThat(e.getCause()).isInstanceOf(ProviderServerException.class));
    assertThatThrownBy(() -> frames(exceptionFrame("modelStreamErrorException", "{\"message\":\"model failed\"}")))
        .isInstanceOf(StreamException.class).hasMessageContaining("model failed");
    assertThatThrownBy(() -> frames(Fixtures.bytes("aws-eventstream/derived/smithy-restJson1-ServerErrorInput.bin")))
        .isInstanceOf(StreamException.class).hasMessageContaining("foo");
    assertThatThrownBy(() -> frames(Fixtures.bytes("aws-eventstream/derived/smithy-restJson1-ServerUnexpectedErrorInput.bin")))
        .isInstanceOf(StreamException.class).hasMessageContaining("An unknown error occurred.");
    // a malformed frame is a malformed body (the transport reports it as a retryable invalid_response)
    assertThatThrownBy(() -> frames(Fixtures.bytes("aws-eventstream/derived/smithy-restJson1-MissingMessageTypeInput.bin")))
        .isInstanceOfSatisfying(BodyFault.class, e -> assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE))
        .hasMessage("the event stream is malformed: frame without a :message-type header");
  }

  @Test
  void aCorruptedOrTruncatedBodyIsATypedStreamError() {
    byte[] body = Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_stream.response0.eventstream.bin");
    byte[] corrupted = body.clone();
    corrupted[200] ^= 0x40;
    assertThatThrownBy(() -> frames(corrupted)).isInstanceOf(BodyFault.class).hasMessageContaining("checksum");
    byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
    assertThatThrownBy(() -> frames(cut)).isInstanceOfSatisfying(BodyFault.class,
            e -> assertThat(e.reason()).isEqualTo(ProviderErrorCode.RESPONSE_TRUNCATED))
        .hasMessage("the body ended inside a stream event");
  }

  /** An exception frame as the service sends it (headers :message-type, :exception-type, :content-type). */
  static byte[] exceptionFrame(String type, String json) {
    Buffer headers = new Buffer();
    header(headers, ":message-type", "exception");
    header(headers, ":exception-type", type);
    header(headers, ":content-type", "application/json");
    byte[] h = headers.readByteArray();
    byte[] p = json.getBytes();
    Buffer frame = new Buffer().writeInt(16 + h.length + p.length).writeInt(h.length);
    CRC32 crc = new CRC32();
    crc.update(frame.snapshot().toByteArray());
    frame.writeInt((int) crc.getValue()).write(h).write(p);
    crc.reset();
    crc.update(frame.snapshot().toByteArray());
    return frame.writeInt((int) crc.getValue()).readByteArray();
  }

  private static void header(Buffer b, String name, String value) {
    b.writeByte(name.length()).writeUtf8(name).writeByte(7).writeShort(value.length()).writeUtf8(value);
  }
}
