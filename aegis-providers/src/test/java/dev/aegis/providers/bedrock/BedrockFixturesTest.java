package dev.aegis.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.bedrock.internal.BedrockCodec;
import dev.aegis.providers.bedrock.internal.BedrockStreamDecoder;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @Test
  void text() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-text.json");
    assertThat(r.text()).startsWith("Let me count the \"r\"s in \"strawberry\"").endsWith("There are **3** \"r\"s in \"strawberry.\"");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.of(22, 57));
    ChatResponse s = chunks("amazon-bedrock/amazon-bedrock-text.chunks.txt");
    assertThat(s.text()).isNotBlank();
    assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(s.usage()).isEqualTo(Usage.of(22, 55));
  }

  @Test
  void cacheTokensUnderBothSpellingsAreAddedOnce() {
    JsonNode a = Fixtures.jsonOf("{\"inputTokens\":10,\"outputTokens\":5,\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":7}".getBytes());
    JsonNode b = Fixtures.jsonOf(("{\"inputTokens\":10,\"outputTokens\":5,\"cacheReadInputTokenCount\":100,\"cacheWriteInputTokenCount\":7,"
        + "\"cacheReadInputTokens\":100,\"cacheWriteInputTokens\":7}").getBytes());
    assertThat(BedrockCodec.usage(a)).isEqualTo(new Usage(117, 5, 100, 7, 0)).isEqualTo(BedrockCodec.usage(b));
  }

  @Test
  void toolUseWholeAndStreamed() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-tool-call.1.json");
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("tool-use-id", "bash", "{\"command\":\"ls -l\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    // metadata arrives before messageStop in this recording
    ChatResponse s = chunks("amazon-bedrock/amazon-bedrock-tool-call.1.chunks.txt");
    assertThat(s.message().toolCalls()).containsExactly(ToolCall.of("tool-use-id", "test-tool", "{\"value\":\"Sparkle Day\"}"));
    assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(s.usage()).isEqualTo(Usage.of(125, 45));
  }

  @Test
  void toolWithoutArgumentsStreamedAndWholeAgree() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-tool-no-args.json");
    ChatResponse s = chunks("amazon-bedrock/amazon-bedrock-tool-no-args.chunks.txt");
    assertThat(s.message().toolCalls()).isEqualTo(r.message().toolCalls());
    assertThat(r.message().toolCalls().get(0).arguments()).isEqualTo("{}");
    assertThat(s.text()).isEqualTo(r.text());
    assertThat(s.usage()).isEqualTo(r.usage()).isEqualTo(Usage.of(100, 25));
    assertThat(s.finishReason()).isEqualTo(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void mixedToolsAndText() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-json-with-tools.1.json");
    assertThat(r.message().toolCalls()).extracting(ToolCall::arguments)
        .containsExactly("{\"param\":\"a\"}", "{\"param\":\"b\"}", "{\"final\":\"result\"}");
    ChatResponse s = chunks("amazon-bedrock/amazon-bedrock-json-with-tools.1.chunks.txt");
    assertThat(s.message().toolCalls()).extracting(ToolCall::arguments)
        .containsExactly("{\"a\":\"1\"}", "{\"b\":\"2\"}", "{\"final\":\"result\"}");
    assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void reasoningWithSignature() {
    ChatResponse r = whole("amazon-bedrock/amazon-bedrock-reasoning.json");
    assertThat(r.message().reasoning()).hasSize(1);
    assertThat(r.message().reasoning().get(0).signature()).isNotBlank();
    ChatResponse s = chunks("amazon-bedrock/amazon-bedrock-reasoning.chunks.txt");
    assertThat(s.message().reasoning()).hasSize(1);
    assertThat(s.message().reasoning().get(0).text()).startsWith("Let me count the r");
    assertThat(s.message().reasoning().get(0).signature()).isNotBlank();
    assertThat(s.text()).isEqualTo(r.text());
    assertThat(s.usage()).isEqualTo(Usage.of(51, 94));
  }

  @Test
  void recordedBinaryStreams() throws IOException {
    ChatResponse text = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_stream.response0.eventstream.bin")));
    assertThat(text.text()).startsWith("The capital of France is Paris.");
    assertThat(text.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(text.usage().outputTokens()).isPositive();
    // the same body as the cassette's !!binary string
    JsonNode it = Fixtures.interactions("amazon-bedrock/test_bedrock_model_stream.yaml").get(0);
    assertThat(Fixtures.responseBody(it)).isEqualTo(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_stream.response0.eventstream.bin"));

    ChatResponse tool = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_iter_stream.response0.eventstream.bin")));
    assertThat(tool.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(tool.message().toolCalls()).hasSize(1);
    assertThat(Json.tryRead(tool.message().toolCalls().get(0).arguments())).isNotNull();
    assertThat(tool.text()).contains("<thinking>");

    ChatResponse answer = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_iter_stream.response1.eventstream.bin")));
    assertThat(answer.text()).contains("°");

    ChatResponse thinking = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_thinking_part_stream.response0.eventstream.bin")));
    assertThat(thinking.message().reasoning()).hasSize(1);
    assertThat(thinking.message().reasoning().get(0).signature()).isNotBlank();
    assertThat(thinking.text()).isNotBlank();

    ChatResponse redacted = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_thinking_part_redacted_stream.response0.eventstream.bin")));
    assertThat(redacted.finishReason()).isNotNull();
    // redacted reasoning survives streaming: each block keeps its opaque data to echo back
    assertThat(redacted.message().reasoning()).isNotEmpty()
        .anySatisfy(r -> assertThat(r.redacted()).isNotBlank());

    ChatResponse empty = Streams.assemble(frames(Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_stream_empty_text_delta.response0.eventstream.bin")));
    assertThat(empty.message().reasoning()).isNotEmpty();
    assertThat(empty.text()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"test_bedrock_model.yaml", "test_bedrock_model_guardrail_config.yaml"})
  void recordedConverseAnswers(String file) {
    JsonNode it = Fixtures.interactions("amazon-bedrock/" + file).get(0);
    ChatResponse r = BedrockCodec.decode(Fixtures.jsonOf(Fixtures.responseBody(it)), "id", "m", 0);
    assertThat(r.text()).isNotBlank();
    assertThat(r.finishReason()).isNotNull();
    assertThat(r.usage().inputTokens()).isPositive();
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
            e -> assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE))
        .hasMessage("the event stream is malformed: truncated frame: the body ended inside a message");
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
