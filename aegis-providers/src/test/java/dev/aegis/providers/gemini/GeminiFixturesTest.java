package dev.aegis.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.providers.gemini.internal.GeminiCodec;
import dev.aegis.providers.gemini.internal.GeminiStreamDecoder;
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

/** Every recorded Gemini fixture decoded to its exact normalized form. */
class GeminiFixturesTest {

  static ChatResponse whole(JsonNode root) {
    return GeminiCodec.decode(root, "gemini", "m", 0);
  }

  static List<ChatChunk> chunks(byte[] sse) throws IOException {
    List<ChatChunk> out = new ArrayList<>();
    new GeminiStreamDecoder("gemini", "m").decode(new Buffer().write(sse), out::add);
    return out;
  }

  static ChatResponse streamed(String chunksFile) throws IOException {
    return Streams.assemble(chunks(Fixtures.sse(chunksFile).getBytes()));
  }

  @Test
  void text() throws IOException {
    ChatResponse r = whole(Fixtures.json("google/google-text.json"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.model()).isEqualTo("gemini-3-pro-preview");
    assertThat(r.text()).isNotBlank();
    List<ChatChunk> c = chunks(Fixtures.sse("google/google-text.chunks.txt").getBytes());
    // usage is cumulative in every event: it is reported exactly once, at the end
    assertThat(c.stream().filter(x -> x.usage() != null)).hasSize(1);
    assertThat(c.get(c.size() - 1).usage()).isEqualTo(new Usage(9, 23 + 185, 0, 0, 185));
    ChatResponse s = Streams.assemble(c);
    assertThat(s.text()).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
    assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
    // the final empty part carrying only a thought signature
    assertThat(s.message().reasoning()).hasSize(1);
    assertThat(s.message().reasoning().get(0).text()).isEmpty();
    assertThat(s.message().reasoning().get(0).signature()).startsWith("EqsFCqgFAb4");
  }

  @Test
  void reasoning() throws IOException {
    for (String name : new String[] {"google/google-reasoning", "google/google-reasoning-gemini3"}) {
      ChatResponse r = whole(Fixtures.json(name + ".json"));
      assertThat(r.usage().reasoningTokens()).isPositive();
      assertThat(r.usage().outputTokens()).isGreaterThan(r.usage().reasoningTokens());
      ChatResponse s = streamed(name + ".chunks.txt");
      assertThat(s.text()).isNotBlank();
      assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(s.usage().reasoningTokens()).isPositive();
    }
    assertThat(whole(Fixtures.json("google/google-reasoning.json")).text())
        .isEqualTo(streamed("google/google-reasoning.chunks.txt").text());
  }

  @Test
  void toolCallsStreamedAndWholeAgree() throws IOException {
    for (String name : new String[] {"google/google-tool-call", "google/google-tool-call-gemini3"}) {
      ChatResponse r = whole(Fixtures.json(name + ".json"));
      ChatResponse s = streamed(name + ".chunks.txt");
      assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("call_0", "weather", "{\"location\":\"San Francisco\"}"));
      assertThat(s.message().toolCalls()).isEqualTo(r.message().toolCalls());
      assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
      assertThat(r.message().reasoning().get(0).signature()).isNotBlank();
    }
  }

  @Test
  void streamedFunctionCallArguments() throws IOException {
    ChatResponse s = streamed("google/google-stream-tool-call-arguments.chunks.txt");
    assertThat(s.message().toolCalls()).extracting(ToolCall::name).containsOnly("getWeather");
    assertThat(s.message().toolCalls()).extracting(ToolCall::arguments)
        .containsExactly("{\"location\":\"Boston\"}", "{\"location\":\"San Francisco\"}");
    assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);

    ChatResponse noArgs = streamed("google/google-stream-no-args-tool-call.chunks.txt");
    assertThat(noArgs.message().toolCalls()).isNotEmpty();
    assertThat(noArgs.message().toolCalls()).allSatisfy(t -> assertThat(Json.tryRead(t.arguments())).isNotNull());
  }

  @Test
  void recordedRawSseWithCrlfSeparators() throws IOException {
    JsonNode it = Fixtures.interactions("google/test_google_model_stream.yaml").get(0);
    byte[] body = Fixtures.responseBody(it);
    assertThat(new String(body)).contains("\r\n\r\n");
    ChatResponse s = Streams.assemble(chunks(body));
    assertThat(s.text()).isNotBlank();
    assertThat(s.finishReason()).isEqualTo(FinishReason.STOP);
    // early events say 15 prompt tokens, the final one 13: the final cumulative value is the one reported
    assertThat(s.usage()).isEqualTo(Usage.of(13, 8));
  }

  @Test
  void recordedIterStreamOverThreeTurns() throws IOException {
    List<JsonNode> its = Fixtures.interactions("google/test_google_model_iter_stream.yaml");
    ChatResponse first = Streams.assemble(chunks(Fixtures.responseBody(its.get(0))));
    assertThat(first.message().toolCalls()).containsExactly(ToolCall.of("call_0", "get_capital", "{\"country\":\"France\"}"));
    ChatResponse second = Streams.assemble(chunks(Fixtures.responseBody(its.get(1))));
    assertThat(second.message().toolCalls()).containsExactly(ToolCall.of("call_0", "get_temperature", "{\"city\":\"Paris\"}"));
    ChatResponse third = Streams.assemble(chunks(Fixtures.responseBody(its.get(2))));
    assertThat(third.text()).startsWith("The temperature in Paris");
    assertThat(third.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void liveUsageIsReportedOnceAsTheLastValue() throws IOException {
    JsonNode it = Fixtures.interactions("google/test_google_stream_usage_is_live_mid_stream.yaml").get(0);
    List<ChatChunk> c = chunks(Fixtures.responseBody(it));
    List<Usage> usages = c.stream().map(ChatChunk::usage).filter(java.util.Objects::nonNull).toList();
    assertThat(usages).hasSize(1);
    String body = new String(Fixtures.responseBody(it));
    String lastEvent = body.substring(body.lastIndexOf("data: ") + 6).strip();
    assertThat(usages.get(0)).isEqualTo(GeminiCodec.usage(Fixtures.jsonOf(lastEvent.getBytes()).get("usageMetadata")));
  }

  @Test
  void thoughtSignatureOfAStreamedCallIsSentBack() throws IOException {
    List<JsonNode> its = Fixtures.interactions("google/test_google_streaming_tool_call_thought_signature.yaml");
    ChatResponse call = Streams.assemble(chunks(Fixtures.responseBody(its.get(0))));
    ToolCall tc = call.message().toolCalls().get(0);
    assertThat(tc.name()).isEqualTo("get_country");
    String signature = call.message().reasoning().get(0).signature();
    assertThat(signature).startsWith("EpwICpkIAXLI2nxlU6gsWZaZ");
    ChatRequest next = ChatRequest.builder().addMessage(Message.user("What is the capital of the user country? Call the tool"))
        .addMessage(call.message()).addMessage(Message.tool(tc.id(), "Mexico")).build();
    ObjectNode body = GeminiCodec.encode(next, Map.of());
    JsonNode modelTurn = body.get("contents").get(1);
    assertThat(modelTurn.get("role").asText()).isEqualTo("model");
    assertThat(modelTurn.get("parts")).hasSize(1);
    assertThat(modelTurn.get("parts").get(0).get("thoughtSignature").asText()).isEqualTo(signature);
    assertThat(Json.text(body.get("contents").get(2))).isEqualTo(
        "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_country\",\"response\":{\"result\":\"Mexico\"}}}]}");
    ChatResponse answer = Streams.assemble(chunks(Fixtures.responseBody(its.get(1))));
    assertThat(answer.text()).startsWith("The capital of Mexico");
  }

  @Test
  void recordedNonStreamedToolOutput() {
    List<JsonNode> its = Fixtures.interactions("google/test_google_tool_output.yaml");
    ChatResponse first = whole(Fixtures.jsonOf(Fixtures.responseBody(its.get(0))));
    assertThat(first.message().toolCalls()).containsExactly(ToolCall.of("call_0", "get_user_country", "{}"));
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ChatResponse second = whole(Fixtures.jsonOf(Fixtures.responseBody(its.get(1))));
    assertThat(second.message().toolCalls().get(0).name()).isNotBlank();
  }

  @Test
  void aBlockedPromptIsATypedContentFilterFailure() {
    JsonNode it = Fixtures.interactions("google/test_google_model_armor_prompt_template_text_gets_blocked.yaml").get(1);
    assertThatThrownBy(() -> whole(Fixtures.jsonOf(Fixtures.responseBody(it))))
        .isInstanceOfSatisfying(ContentFilterException.class, e -> {
          assertThat(e.error().code()).isEqualTo("MODEL_ARMOR");
          assertThat(e.getMessage()).contains("MODEL_ARMOR");
        });
    String sse = "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5}}\r\n\r\n";
    assertThatThrownBy(() -> chunks(sse.getBytes())).isInstanceOfSatisfying(ContentFilterException.class,
        e -> assertThat(e.error().code()).isEqualTo("SAFETY"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"test_google_model_armor_response_template_real_block.yaml", "test_google_model_safety_settings.yaml"})
  void aBlockedAnswerFinishesWithContentFilter(String file) {
    JsonNode it = Fixtures.interactions("google/" + file).get(0);
    ChatResponse r = whole(Fixtures.jsonOf(Fixtures.responseBody(it)));
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.text()).isEmpty();
  }

  @Test
  void maxTokensWithNoParts() {
    JsonNode it = Fixtures.interactions("google/test_google_model_max_tokens_thinking_model_empty_response.yaml").get(0);
    ChatResponse r = whole(Fixtures.jsonOf(Fixtures.responseBody(it)));
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.text()).isEmpty();
  }

  @Test
  void errorsInsideTheStreamAndTruncation() {
    String err = "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n";
    assertThatThrownBy(() -> chunks(err.getBytes())).isInstanceOfSatisfying(StreamException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getCause()).isInstanceOf(ProviderServerException.class);
    });
    String noFinish = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"}}]}\n\n";
    assertThatThrownBy(() -> chunks(noFinish.getBytes())).isInstanceOf(StreamException.class).hasMessageContaining("finish reason");
  }

  @Test
  void retryInfoBecomesRetryAfter() {
    JsonNode e = Fixtures.json("google/google-429-retry-info.json");
    var err = GeminiCodec.ERRORS.decode("gemini", 429, okhttp3.Headers.of(), Json.bytes(e), null, null);
    assertThat(err.retryAfter()).isEqualTo(java.time.Duration.ofMillis(34_400));
    assertThat(err.type()).isEqualTo("RESOURCE_EXHAUSTED");
    JsonNode notFound = Fixtures.jsonOf(Fixtures.responseBody(Fixtures.interactions("google/test_model_name_suggestion[google].yaml").get(0)));
    var nf = GeminiCodec.ERRORS.decode("gemini", 404, okhttp3.Headers.of(), Json.bytes(notFound), null, null);
    assertThat(nf.type()).isEqualTo("NOT_FOUND");
    assertThat(nf.message()).contains("gemini-3.6-flahs");
  }

  @Test
  void generationConfigAndJsonOutput() {
    ChatRequest r = ChatRequest.builder().addMessage(Message.system("a")).addMessage(Message.developer("b"))
        .addMessage(Message.user("q")).temperature(0.5).topP(0.9).topK(40).maxTokens(100).stop(List.of("END")).seed(7L)
        .responseFormat(ResponseFormat.jsonSchema("x", "{\"type\":\"object\"}", true))
        .addTool(dev.aegis.api.chat.Tool.function("f", null, "{\"type\":\"object\"}")).toolChoice(ToolChoice.function("f"))
        .extra("safetySettings", List.of(Map.of("threshold", "BLOCK_NONE"))).build();
    assertThat(Json.text(GeminiCodec.encode(r, Map.of("cachedContent", "cachedContents/abc")))).isEqualTo("{"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]},"
        + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}},"
        + "\"generationConfig\":{\"temperature\":0.5,\"topP\":0.9,\"topK\":40,\"maxOutputTokens\":100,\"stopSequences\":[\"END\"],"
        + "\"seed\":7,\"responseMimeType\":\"application/json\",\"responseSchema\":{\"type\":\"object\"}},"
        + "\"safetySettings\":[{\"threshold\":\"BLOCK_NONE\"}],"
        + "\"cachedContent\":\"cachedContents/abc\"}");
  }
}
