package dev.aegis.providers.gemini;

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

  static final String G3 = "gemini-3-pro-preview";

  static Usage usage(int prompt, int candidates, int thoughts) {
    return Usage.builder().inputTokens(prompt).outputTokens(candidates + thoughts).reasoningTokens(thoughts).build();
  }

  @Test
  void text() throws IOException {
    String file = "google/google-text.json";
    assertThat(whole(Fixtures.json(file))).isEqualTo(Expected.response("Un6LacrVMcjUxs0PmJfWoQc", G3,
        Expected.assistant().addText("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.")
            .addReasoning(Reasoning.of("", Fixtures.field(file, "/candidates/0/content/parts/0/thoughtSignature"))).build(),
        FinishReason.STOP, usage(9, 28, 244)).extra("finishReasonRaw", "STOP").build());

    String stream = "google/google-text.chunks.txt";
    List<ChatChunk> c = chunks(Fixtures.sse(stream).getBytes());
    // usage is cumulative in every event: it is reported exactly once, at the end
    assertThat(c.stream().filter(x -> x.usage() != null)).hasSize(1);
    assertThat(c.get(c.size() - 1).usage()).isEqualTo(usage(9, 23, 185));
    // the final empty part carries only a thought signature
    assertThat(Streams.assemble(c)).isEqualTo(Expected.response("bH6LaZW8Fp_3nsEPqtaSwQ4", G3,
        Expected.assistant().addText("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y")
            .addReasoning(Reasoning.of("", Fixtures.field(stream, 2, "/candidates/0/content/parts/0/thoughtSignature"))).build(),
        FinishReason.STOP, usage(9, 23, 185)).build());
  }

  @Test
  void reasoning() throws IOException {
    String answer = "There are **3** \"r\"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.";
    String sig = "/candidates/0/content/parts/0/thoughtSignature";
    assertThat(whole(Fixtures.json("google/google-reasoning.json"))).isEqualTo(Expected.response("YH6LaZT7ENmPxN8P-r2J8Aw", G3,
        Expected.assistant().addText(answer).addReasoning(Reasoning.of("", Fixtures.field("google/google-reasoning.json", sig))).build(),
        FinishReason.STOP, usage(9, 29, 282)).extra("finishReasonRaw", "STOP").build());
    assertThat(streamed("google/google-reasoning.chunks.txt")).isEqualTo(Expected.response("dX6LadKVC7SZ28oPr9yJoQs", G3,
        Expected.assistant().addText(answer)
            .addReasoning(Reasoning.of("", Fixtures.field("google/google-reasoning.chunks.txt", 2, sig))).build(),
        FinishReason.STOP, usage(9, 29, 256)).build());

    assertThat(whole(Fixtures.json("google/google-reasoning-gemini3.json"))).isEqualTo(Expected.response("DniLab2dFPeSxN8PpqXY4Ag", G3,
        Expected.assistant().addText(answer)
            .addReasoning(Reasoning.of("", Fixtures.field("google/google-reasoning-gemini3.json", sig))).build(),
        FinishReason.STOP, usage(9, 29, 258)).extra("finishReasonRaw", "STOP").build());
    assertThat(streamed("google/google-reasoning-gemini3.chunks.txt")).isEqualTo(Expected.response("M3iLaY-AI7zTxN8P3Piw4Qg", G3,
        Expected.assistant().addText("There are **3** \"r\"s in strawberry.\n\nSt**r**awbe**rr**y")
            .addReasoning(Reasoning.of("", Fixtures.field("google/google-reasoning-gemini3.chunks.txt", 2, sig))).build(),
        FinishReason.STOP, usage(9, 23, 302)).build());
  }

  @Test
  void toolCallsCarryTheirThoughtSignatureWholeAndStreamed() throws IOException {
    String sig = "/candidates/0/content/parts/0/thoughtSignature";
    String args = "{\"location\":\"San Francisco\"}";
    assertThat(whole(Fixtures.json("google/google-tool-call.json"))).isEqualTo(Expected.response("m36LaZGyCLz1xs0PtNSB-QU", G3,
        Expected.assistant().addToolCall(new ToolCall("call_0", "weather", args,
            "EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5")).build(),
        FinishReason.TOOL_CALLS, usage(29, 15, 893))
        .extra("finishMessage", "Model generated function call(s).").extra("finishReasonRaw", "STOP").build());
    assertThat(streamed("google/google-tool-call.chunks.txt")).isEqualTo(Expected.response("b36LacjwM668nsEP2tbsgQQ", G3,
        Expected.assistant().addToolCall(new ToolCall("call_0", "weather", args,
            Fixtures.field("google/google-tool-call.chunks.txt", 0, sig))).build(),
        FinishReason.TOOL_CALLS, usage(29, 15, 45)).build());

    assertThat(whole(Fixtures.json("google/google-tool-call-gemini3.json"))).isEqualTo(Expected.response("JniLacKqGqH0xs0P0O776As", G3,
        Expected.assistant().addToolCall(new ToolCall("call_0", "weather", args,
            Fixtures.field("google/google-tool-call-gemini3.json", sig))).build(),
        FinishReason.TOOL_CALLS, usage(29, 15, 1801))
        .extra("finishMessage", "Model generated function call(s).").extra("finishReasonRaw", "STOP").build());
    assertThat(streamed("google/google-tool-call-gemini3.chunks.txt")).isEqualTo(Expected.response("QHiLaa6LBrb8vdIPoNztsAg", G3,
        Expected.assistant().addToolCall(new ToolCall("call_0", "weather", args,
            Fixtures.field("google/google-tool-call-gemini3.chunks.txt", 0, sig))).build(),
        FinishReason.TOOL_CALLS, usage(29, 15, 804)).build());
  }

  @Test
  void recordedToolCallSignatureGoesBackOnTheReplayedCall() {
    // decode the recorded Gemini 3 tool call, build the follow-up turn, and find the signature on the wire
    ChatResponse call = whole(Fixtures.json("google/google-tool-call-gemini3.json"));
    ChatRequest next = ChatRequest.builder().addMessage(Message.user("Weather in San Francisco?"))
        .addMessage(call.message()).addMessage(Message.tool("call_0", "{\"temperature\":18}")).build();
    assertThat(Json.text(GeminiCodec.encode(next, Map.of()))).isEqualTo("{\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in San Francisco?\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"weather\",\"args\":{\"location\":\"San Francisco\"}},"
        + "\"thoughtSignature\":\"" + Fixtures.field("google/google-tool-call-gemini3.json", "/candidates/0/content/parts/0/thoughtSignature") + "\"}]},"
        + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"weather\",\"response\":{\"temperature\":18}}}]}]}");
  }

  @Test
  void streamedFunctionCallArguments() throws IOException {
    String file = "google/google-stream-tool-call-arguments.chunks.txt";
    assertThat(streamed(file)).isEqualTo(Expected.response("dqHOab6xGLzWodAPkPuViA4", "gemini-3.1-pro-preview",
        Expected.assistant()
            .addToolCall(new ToolCall("call_0", "getWeather", "{\"location\":\"Boston\"}",
                Fixtures.field(file, 0, "/candidates/0/content/parts/0/thoughtSignature")))
            .addToolCall(ToolCall.of("call_1", "getWeather", "{\"location\":\"San Francisco\"}")).build(),
        FinishReason.TOOL_CALLS, usage(26, 23, 132)).build());

    String noArgs = "google/google-stream-no-args-tool-call.chunks.txt";
    assertThat(streamed(noArgs)).isEqualTo(Expected.response("_vr4aYiWEJnYodAPkujX0QM", "gemini-3-flash-preview",
        Expected.assistant()
            .addReasoning(Reasoning.of(Fixtures.field(noArgs, 0, "/candidates/0/content/parts/0/text")))
            .addToolCall(new ToolCall("call_0", "read_theme", "{}", Fixtures.field(noArgs, 1, "/candidates/0/content/parts/0/thoughtSignature")))
            .addToolCall(ToolCall.of("call_1", "read_screen", "{\"id\":\"A\"}"))
            .addToolCall(ToolCall.of("call_2", "read_screen", "{\"id\":\"B\"}"))
            .addToolCall(ToolCall.of("call_3", "read_screen", "{\"id\":\"C\"}")).build(),
        FinishReason.TOOL_CALLS, usage(249, 58, 183)).build());
  }

  @Test
  void recordedRawSseWithCrlfSeparators() throws IOException {
    JsonNode it = Fixtures.interactions("google/test_google_model_stream.yaml").get(0);
    byte[] body = Fixtures.responseBody(it);
    assertThat(new String(body)).contains("\r\n\r\n");
    // early events say 15 prompt tokens, the final one 13: the final cumulative value is the one reported
    assertThat(Streams.assemble(chunks(body))).isEqualTo(Expected.response("w1peaMz6INOvnvgPgYfPiQY", "gemini-2.0-flash-exp",
        Message.assistant("The capital of France is Paris.\n"), FinishReason.STOP, Usage.of(13, 8)).build());
  }

  @Test
  void recordedIterStreamOverThreeTurns() throws IOException {
    List<JsonNode> its = Fixtures.interactions("google/test_google_model_iter_stream.yaml");
    assertThat(Streams.assemble(chunks(Fixtures.responseBody(its.get(0))))).isEqualTo(Expected.response(
        "1lpeaMTxIpW1nvgP-O3vwQY", "gemini-2.0-flash",
        Message.assistant(List.of(ToolCall.of("call_0", "get_capital", "{\"country\":\"France\"}"))),
        FinishReason.TOOL_CALLS, Usage.of(52, 5)).build());
    assertThat(Streams.assemble(chunks(Fixtures.responseBody(its.get(1))))).isEqualTo(Expected.response(
        "11peaOXwBPH_2PgPh_z--AY", "gemini-2.0-flash",
        Message.assistant(List.of(ToolCall.of("call_0", "get_temperature", "{\"city\":\"Paris\"}"))),
        FinishReason.TOOL_CALLS, Usage.of(64, 5)).build());
    assertThat(Streams.assemble(chunks(Fixtures.responseBody(its.get(2))))).isEqualTo(Expected.response(
        "11peaI_ZJLq3nvgP0vasuQk", "gemini-2.0-flash", Message.assistant("The temperature in Paris is 30°C.\n"),
        FinishReason.STOP, Usage.of(79, 12)).build());
  }

  @Test
  void liveUsageIsReportedOnceAsTheLastValue() throws IOException {
    JsonNode it = Fixtures.interactions("google/test_google_stream_usage_is_live_mid_stream.yaml").get(0);
    List<ChatChunk> c = chunks(Fixtures.responseBody(it));
    List<Usage> usages = c.stream().map(ChatChunk::usage).filter(java.util.Objects::nonNull).toList();
    // three events report 31, 79 and 80 candidate tokens: only the last value counts, once
    assertThat(usages).containsExactly(usage(18, 80, 35));
    StringBuilder counting = new StringBuilder("1");
    for (int i = 2; i <= 30; i++) counting.append('\n').append(i);
    assertThat(Streams.assemble(c)).isEqualTo(Expected.response("ru1garvBEoOiqtsP2fznmQw", "gemini-2.5-flash",
        Message.assistant(counting.toString()), FinishReason.STOP, usage(18, 80, 35)).build());
  }

  @Test
  void thoughtSignatureOfAStreamedCallIsSentBack() throws IOException {
    List<JsonNode> its = Fixtures.interactions("google/test_google_streaming_tool_call_thought_signature.yaml");
    ChatResponse call = Streams.assemble(chunks(Fixtures.responseBody(its.get(0))));
    String signature = call.message().toolCalls().get(0).signature();
    assertThat(signature).startsWith("EpwICpkIAXLI2nxlU6gsWZaZ").endsWith("5owonoBDAXOk15QuFyU=").hasSize(1408);
    assertThat(call).isEqualTo(Expected.response("QUVVadTSNJ6_qtsPvN7J8Q0", G3,
        Message.assistant(List.of(new ToolCall("call_0", "get_country", "{}", signature))),
        FinishReason.TOOL_CALLS, usage(29, 10, 202)).build());
    ChatRequest next = ChatRequest.builder().addMessage(Message.user("What is the capital of the user country? Call the tool"))
        .addMessage(call.message()).addMessage(Message.tool("call_0", "Mexico")).build();
    ObjectNode body = GeminiCodec.encode(next, Map.of());
    assertThat(Json.text(body.get("contents").get(1))).isEqualTo("{\"role\":\"model\",\"parts\":[{\"functionCall\":"
        + "{\"name\":\"get_country\",\"args\":{}},\"thoughtSignature\":\"" + signature + "\"}]}");
    assertThat(Json.text(body.get("contents").get(2))).isEqualTo(
        "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_country\",\"response\":{\"result\":\"Mexico\"}}}]}");
    assertThat(Streams.assemble(chunks(Fixtures.responseBody(its.get(1))))).isEqualTo(Expected.response(
        "REVVabaiCdq4qtsPnZu96Qo", G3, Message.assistant("The capital of Mexico is Mexico City."),
        FinishReason.STOP, Usage.of(257, 8)).build());
  }

  @Test
  void recordedNonStreamedToolOutput() {
    List<JsonNode> its = Fixtures.interactions("google/test_google_tool_output.yaml");
    assertThat(whole(Fixtures.jsonOf(Fixtures.responseBody(its.get(0))))).isEqualTo(Expected.response(
        "LlteaIDvD9m7nvgPz5Sb0Aw", "gemini-2.0-flash", Message.assistant(List.of(ToolCall.of("call_0", "get_user_country", "{}"))),
        FinishReason.TOOL_CALLS, Usage.of(33, 5)).extra("finishReasonRaw", "STOP").build());
    assertThat(whole(Fixtures.jsonOf(Fixtures.responseBody(its.get(1))))).isEqualTo(Expected.response(
        "LlteaOzCOPOdnvgPrJbnoQg", "gemini-2.0-flash",
        Message.assistant(List.of(ToolCall.of("call_0", "final_result", "{\"city\":\"Mexico City\",\"country\":\"Mexico\"}"))),
        FinishReason.TOOL_CALLS, Usage.of(47, 8)).extra("finishReasonRaw", "STOP").build());
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

  static ChatResponse cassette(String file) {
    return whole(Fixtures.jsonOf(Fixtures.responseBody(Fixtures.interactions("google/" + file).get(0))));
  }

  @Test
  void aBlockedAnswerFinishesWithContentFilter() {
    assertThat(cassette("test_google_model_armor_response_template_real_block.yaml")).isEqualTo(Expected.response(
        "QVRhatDkAeqe7dcPlP-i8QM", "gemini-2.5-flash", Message.assistant(""), FinishReason.CONTENT_FILTER, usage(19, 6, 27))
        .extra("finishMessage", "The response violated Responsible AI Safety settings (Hate Speech, Harassment, Dangerous) filters.")
        .extra("finishReasonRaw", "MODEL_ARMOR").build());
    assertThat(cassette("test_google_model_safety_settings.yaml")).isEqualTo(Expected.response(
        "5lpeaLOIBf__698Pv8HGgAg", "gemini-1.5-flash", Message.assistant(""), FinishReason.CONTENT_FILTER, Usage.of(14, 0))
        .extra("safetyRatings", List.of(
            Map.of("blocked", true, "category", "HARM_CATEGORY_HATE_SPEECH", "probability", "LOW"),
            Map.of("category", "HARM_CATEGORY_DANGEROUS_CONTENT", "probability", "NEGLIGIBLE"),
            Map.of("category", "HARM_CATEGORY_HARASSMENT", "probability", "NEGLIGIBLE"),
            Map.of("category", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "probability", "NEGLIGIBLE")))
        .extra("finishReasonRaw", "SAFETY").build());
  }

  @Test
  void maxTokensWithNoParts() {
    assertThat(cassette("test_google_model_max_tokens_thinking_model_empty_response.yaml")).isEqualTo(Expected.response(
        "fH8oaunbEbr9qtsPjYGX4A0", "gemini-2.5-pro", Message.assistant(""), FinishReason.LENGTH, usage(15, 0, 2))
        .extra("finishReasonRaw", "MAX_TOKENS").build());
  }

  @Test
  void cachedContentTokensAreReadTokensInsideTheInput() throws IOException {
    // documented usageMetadata shape (ai.google.dev, UsageMetadata): cachedContentTokenCount is part of promptTokenCount
    JsonNode u = Fixtures.jsonOf(("{\"promptTokenCount\":1200,\"cachedContentTokenCount\":1024,\"candidatesTokenCount\":40,"
        + "\"thoughtsTokenCount\":60,\"totalTokenCount\":1300}").getBytes());
    assertThat(GeminiCodec.usage(u)).isEqualTo(Usage.builder().inputTokens(1200).cacheReadTokens(1024)
        .outputTokens(100).reasoningTokens(60).build());
    String sse = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":" + Json.text(u) + ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}\r\n\r\n";
    assertThat(Streams.assemble(chunks(sse.getBytes())).usage()).isEqualTo(Usage.builder().inputTokens(1200)
        .cacheReadTokens(1024).outputTokens(100).reasoningTokens(60).build());
  }

  @Test
  void errorsInsideTheStreamAndTruncation() {
    String err = "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n";
    assertThatThrownBy(() -> chunks(err.getBytes())).isInstanceOfSatisfying(StreamException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getCause()).isInstanceOf(ProviderServerException.class);
    });
    String noFinish = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"}}]}\n\n";
    assertThatThrownBy(() -> chunks(noFinish.getBytes())).isInstanceOfSatisfying(ProviderServerException.class, e -> {
      assertThat(e.reason()).isEqualTo(ProviderErrorCode.RESPONSE_TRUNCATED);
      assertThat(e.getMessage()).isEqualTo("provider 'gemini' answered 200 (incomplete_stream): the stream ended without a finish reason");
    });
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
