package dev.aegis.providers.compat;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.OpenAiProviderTestSupport;
import dev.aegis.providers.openai.WireAssertions;
import dev.aegis.providers.testing.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Every recorded OpenAI-compatible fixture (Groq, Mistral, DeepSeek, xAI, a gateway, Ollama's /v1) decodes exactly. */
class CompatFixturesTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private OpenAiCompatibleProvider provider(Preset preset) {
    return OpenAiCompatibleProvider.create(preset, ProviderConfig.builder("p", preset.name())
        .baseUrl(server.url("/v1").toString()).credentials(CredentialProvider.apiKey("key")).build());
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().addMessage(Message.user("hello")).maxTokens(100).build();
  }

  private ChatResponse chat(Preset preset, String body) {
    server.enqueue(jsonResponse(200, body));
    try (OpenAiCompatibleProvider p = provider(preset)) {
      return p.chat(hello(), ProviderCall.builder().model("m").build());
    }
  }

  private List<ChatChunk> stream(Preset preset, String sse) {
    server.enqueue(sseResponse(sse));
    List<ChatChunk> chunks = new ArrayList<>();
    try (OpenAiCompatibleProvider p = provider(preset)) {
      p.stream(hello(), ProviderCall.builder().model("m").build(), chunks::add);
    }
    return chunks;
  }

  private static void assertSameAnswer(ChatResponse streamed, ChatResponse whole) {
    assertThat(streamed.text()).isEqualTo(whole.text());
    assertThat(streamed.message().toolCalls()).isEqualTo(whole.message().toolCalls());
    assertThat(streamed.message().reasoning()).isEqualTo(whole.message().reasoning());
    assertThat(streamed.finishReason()).isEqualTo(whole.finishReason());
    assertThat(streamed.usage()).isEqualTo(whole.usage());
  }

  // ------------------------------------------------------------------ Groq

  @Test
  void groqText() throws Exception {
    ChatResponse r = chat(Preset.GROQ, Fixtures.text("groq/groq-text.json"));
    JsonNode json = Fixtures.json("groq/groq-text.json");
    assertThat(r.text()).isEqualTo(json.at("/choices/0/message/content").asText());
    assertThat(r.usage()).isEqualTo(Usage.of(json.at("/usage/prompt_tokens").asInt(), json.at("/usage/completion_tokens").asInt()));
    assertThat(r.extras()).containsKeys("x_groq", "service_tier", "usage_breakdown");
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(WireAssertions.body(req).get("max_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void groqTextStreamWithUsageInXGroqAndTopLevel() {
    List<ChatChunk> chunks = stream(Preset.GROQ, Fixtures.sse("groq/groq-text.chunks.txt", true));
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo(OpenAiProviderTestSupport.expectedText("groq/groq-text.chunks.txt"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.of(45, 662));
    // x_groq (request id, queue and timing usage) is kept on the chunks that carry it, not dropped
    List<JsonNode> recorded = dev.aegis.providers.openai.Fixtures.chunks("groq/groq-text.chunks.txt");
    assertThat(chunks.get(0).extras()).isEqualTo(Map.of("x_groq", Json.plain(recorded.get(0).get("x_groq"))));
    JsonNode lastWithXGroq = recorded.get(recorded.size() - 1);
    assertThat(chunks.stream().filter(c -> c.finishReason() != null).findFirst().orElseThrow().extras())
        .isEqualTo(Map.of("x_groq", Json.plain(lastWithXGroq.get("x_groq"))));
    assertThat(chunks.stream().filter(c -> !c.extras().isEmpty())).hasSize(2);
  }

  @Test
  void groqUsageOnlyInXGroqIsRead() {
    String sse = Fixtures.sse("groq/groq-tool-call.chunks.txt", true).replaceAll(",\"usage\":\\{[^}]*\\}\\}\n", "}\n");
    assertThat(sse).doesNotContain("}},\"usage\"");
    ChatResponse r = Streams.assemble(stream(Preset.GROQ, sse));
    assertThat(r.usage()).isEqualTo(Usage.of(210, 15));
    // the generic dialect does not know x_groq
    ChatResponse generic = Streams.assemble(stream(Preset.GENERIC, sse));
    assertThat(generic.usage()).isEqualTo(Usage.ZERO);
  }

  @Test
  void groqToolCallStreamAndAnswer() {
    ChatResponse streamed = Streams.assemble(stream(Preset.GROQ, Fixtures.sse("groq/groq-tool-call.chunks.txt", true)));
    assertThat(streamed.message().toolCalls()).containsExactly(ToolCall.of("tk85n1k4m", "weather", "{}"));
    assertThat(streamed.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(streamed.usage()).isEqualTo(Usage.of(210, 15));
    ChatResponse whole = chat(Preset.GROQ, Fixtures.text("groq/groq-tool-call.json"));
    assertThat(whole.message().toolCalls()).containsExactly(ToolCall.of("ax9fskhev", "weather", "{}"));
    assertThat(whole.usage()).isEqualTo(Usage.of(218, 15));
  }

  @Test
  void groqReasoning() {
    ChatResponse r = chat(Preset.GROQ, Fixtures.text("groq/groq-reasoning.json"));
    JsonNode json = Fixtures.json("groq/groq-reasoning.json");
    assertThat(r.message().reasoning()).containsExactly(Reasoning.of(json.at("/choices/0/message/reasoning").asText()));
    assertThat(r.text()).isEqualTo(json.at("/choices/0/message/content").asText());
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(17).outputTokens(649).reasoningTokens(570).build());
  }

  @Test
  void groqMidStreamErrorEvent() {
    String cassette = "groq/test_tool_use_failed_error_streaming.yaml";
    List<ChatChunk> chunks = new ArrayList<>();
    server.enqueue(sseResponse(Fixtures.cassetteBody(cassette, 0)));
    try (OpenAiCompatibleProvider p = provider(Preset.GROQ)) {
      assertThatThrownBy(() -> p.stream(hello(), ProviderCall.builder().model("m").build(), chunks::add))
          .isInstanceOfSatisfying(StreamException.class, e -> {
            assertThat(e.retryable()).as("a 400 tool_use_failed does not get better by retrying").isFalse();
            assertThat(e.getCause()).isInstanceOfSatisfying(ProviderInvalidRequestException.class, cause -> {
              assertThat(cause.status()).isEqualTo(400);
              assertThat(cause.error().code()).isEqualTo("tool_use_failed");
              assertThat(cause.error().type()).isEqualTo("invalid_request_error");
            });
          });
    }
    // the reasoning streamed before the error event reached the caller
    assertThat(Streams.assemble(chunks).message().reasoning().get(0).text()).isEqualTo(reasoningBefore(Fixtures.cassetteBody(cassette, 0)));
    // the retried interactions of the same cassette succeed: a tool call, then an answer
    ChatResponse retry = Streams.assemble(stream(Preset.GROQ, Fixtures.cassetteBody(cassette, 1)));
    assertThat(retry.message().toolCalls()).containsExactly(
        ToolCall.of("fc_bfb39741-3748-4def-9886-a93fc9c64a90", "get_something_by_name", "{\"name\":\"example\"}"));
    assertThat(retry.usage()).isEqualTo(Usage.builder().inputTokens(304).outputTokens(49).reasoningTokens(23).build());
    ChatResponse answer = Streams.assemble(stream(Preset.GROQ, Fixtures.cassetteBody(cassette, 2)));
    assertThat(answer.text()).isEqualTo(OpenAiProviderTestSupport.expectedTextOfSse(Fixtures.cassetteBody(cassette, 2)));
    assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(answer.usage()).isEqualTo(Usage.builder().inputTokens(339).outputTokens(58).reasoningTokens(38).build());
  }

  // ------------------------------------------------------------------ Mistral

  @Test
  void mistralTextStreamAndAnswer() throws Exception {
    ChatResponse streamed = Streams.assemble(stream(Preset.MISTRAL, Fixtures.sse("mistral/mistral-text.chunks.txt", false)));
    assertThat(streamed.text()).isEqualTo("Hello, world! This is a test response.");
    assertThat(streamed.usage()).isEqualTo(Usage.of(13, 8));
    assertThat(streamed.finishReason()).isEqualTo(FinishReason.STOP);
    JsonNode body = WireAssertions.body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(body.has("stream_options")).as("Mistral reports usage without stream_options").isFalse();
    assertThat(body.get("stream").asBoolean()).isTrue();
    ChatResponse whole = chat(Preset.MISTRAL, Fixtures.text("mistral/mistral-text.json"));
    assertThat(whole.text()).isEqualTo(Fixtures.json("mistral/mistral-text.json").at("/choices/0/message/content").asText());
    assertThat(whole.usage()).isEqualTo(Usage.of(13, 434));
  }

  @Test
  void mistralToolCallWithoutIndexAndType() {
    List<ChatChunk> chunks = stream(Preset.MISTRAL, Fixtures.sse("mistral/mistral-tool-call.chunks.txt", false));
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.toolCalls()).containsExactly(new ToolCallDelta(0, "gSIMJiOkT", "weather", "{\"location\": \"San Francisco\"}"));
    assertThat(last.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(last.usage()).isEqualTo(Usage.of(124, 22));
    assertSameAnswer(Streams.assemble(chunks), chat(Preset.MISTRAL, Fixtures.text("mistral/mistral-tool-call.json")));
  }

  @Test
  void mistralReasoningPartsStreamAndAnswer() {
    ChatResponse streamed = Streams.assemble(stream(Preset.MISTRAL, Fixtures.sse("mistral/mistral-reasoning.chunks.txt", false)));
    ChatResponse whole = chat(Preset.MISTRAL, Fixtures.text("mistral/mistral-reasoning.json"));
    assertThat(whole.text()).isEqualTo("2 + 2 = 4");
    assertThat(whole.message().reasoning())
        .containsExactly(Reasoning.of("The user is asking for 2+2. This is basic arithmetic. 2+2=4."));
    assertThat(whole.usage()).isEqualTo(Usage.of(10, 46));
    assertSameAnswer(streamed, whole);
  }

  @Test
  void mistralIncrementalToolCall() {
    List<ChatChunk> chunks = stream(Preset.MISTRAL, Fixtures.sse("mistral/mistral-incremental-tool-call.chunks.txt", false));
    assertThat(chunks.get(1).toolCalls().get(0).name()).as("the repeated empty name is not a new name").isNull();
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.message().toolCalls()).containsExactly(
        ToolCall.of("chatcmpl-tool-9f149c74c42f265b", "webSearchTool", "{\"query\": \"current Berlin weather\"}"));
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(171).outputTokens(14).cacheReadTokens(128).build());
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  // ------------------------------------------------------------------ DeepSeek and xAI

  @Test
  void deepSeekText() {
    ChatResponse r = chat(Preset.DEEPSEEK, Fixtures.text("openai-compatible/deepseek-text.json"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.text()).isEqualTo(Fixtures.json("openai-compatible/deepseek-text.json").at("/choices/0/message/content").asText());
    assertThat(r.usage()).isEqualTo(Usage.of(13, 300));
  }

  @Test
  void deepSeekReasoningToolCallStreamAndAnswer() {
    ChatResponse streamed = Streams.assemble(stream(Preset.DEEPSEEK, Fixtures.sse("openai-compatible/deepseek-tool-call.chunks.txt", true)));
    assertThat(streamed.message().reasoning()).hasSize(1);
    assertThat(streamed.message().reasoning().get(0).text())
        .isEqualTo(OpenAiProviderTestSupport.expectedReasoning("openai-compatible/deepseek-tool-call.chunks.txt"));
    assertThat(streamed.message().toolCalls()).containsExactly(
        ToolCall.of("call_00_ioIn7yN9p1ZOMNpDLwd4MgAF", "weather", "{\"location\": \"San Francisco\"}"));
    assertThat(streamed.usage()).isEqualTo(Usage.builder().inputTokens(339).outputTokens(83).cacheReadTokens(320).reasoningTokens(39).build());
    ChatResponse whole = chat(Preset.DEEPSEEK, Fixtures.text("openai-compatible/deepseek-tool-call.json"));
    assertThat(whole.message().reasoning()).containsExactly(Reasoning.of(
        Fixtures.json("openai-compatible/deepseek-tool-call.json").at("/choices/0/message/reasoning_content").asText()));
    assertThat(whole.message().toolCalls()).containsExactly(
        ToolCall.of("call_00_9V0vrf86Pc9aelHCJMZqnJBo", "weather", "{\"location\": \"San Francisco\"}"));
    assertThat(whole.usage()).isEqualTo(Usage.builder().inputTokens(339).outputTokens(92).cacheReadTokens(320).reasoningTokens(48).build());
  }

  @Test
  @SuppressWarnings("unchecked")
  void xaiReasoningToolCallWithReasoningOutsideCompletionTokens() {
    ChatResponse streamed = Streams.assemble(stream(Preset.XAI, Fixtures.sse("openai-compatible/xai-tool-call.chunks.txt", true)));
    assertThat(streamed.message().reasoning()).containsExactly(Reasoning.of(
        OpenAiProviderTestSupport.expectedReasoning("openai-compatible/xai-tool-call.chunks.txt")));
    assertThat(streamed.message().toolCalls()).containsExactly(
        ToolCall.of("call_79382389", "weather", "{\"location\":\"San Francisco\"}"));
    // total_tokens 560 = 307 + 26 + 227: xAI's completion_tokens exclude reasoning, normalized output includes it
    assertThat(streamed.usage()).isEqualTo(Usage.builder().inputTokens(307).outputTokens(253).cacheReadTokens(306).reasoningTokens(227).build());
    ChatResponse whole = chat(Preset.XAI, Fixtures.text("openai-compatible/xai-tool-call.json"));
    assertThat(whole.usage()).isEqualTo(Usage.builder().inputTokens(307).outputTokens(281).cacheReadTokens(244).reasoningTokens(255).build());
    assertThat((java.util.Map<String, Object>) whole.extras().get("usage")).containsEntry("cost_in_usd_ticks", 1777000);
    assertThat(whole.message().toolCalls()).containsExactly(
        ToolCall.of("call_46427107", "weather", "{\"location\":\"San Francisco\"}"));
  }

  @Test
  void gatewayToolCallStartingAtIndexOne() {
    List<ChatChunk> chunks = stream(Preset.GENERIC, Fixtures.text("openai-compatible/anthropic-fallback-tool-call.sse"));
    assertThat(chunks.stream().flatMap(c -> c.toolCalls().stream()).map(ToolCallDelta::index).distinct())
        .as("re-indexed densely").containsExactly(0);
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("Reading it.");
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("toolu_sanitized", "read_file", "{\"path\": \"a.txt\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.usage()).isEqualTo(Usage.ZERO);
  }

  // ------------------------------------------------------------------ Ollama's OpenAI-compatible endpoint

  @Test
  void ollamaV1Answers() {
    ChatResponse tool0 = chat(Preset.GENERIC, Fixtures.cassetteBody("ollama/test_ollama_cloud_tool_output.yaml", 0));
    assertThat(tool0.text()).isEqualTo("Paris.");
    String cassette = "ollama/test_ollama_cloud_tool_output.yaml";
    assertThat(tool0.message().reasoning()).containsExactly(Reasoning.of(
        Json.tryRead(Fixtures.cassetteBody(cassette, 0)).at("/choices/0/message/reasoning").asText()));
    assertThat(tool0.id()).isEqualTo("chatcmpl-395");
    assertThat(tool0.model()).isEqualTo("gpt-oss:20b");
    assertThat(tool0.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(tool0.usage()).isEqualTo(Usage.of(134, 122));
    assertThat(tool0.systemFingerprint()).isEqualTo("fp_ollama");
    ChatResponse tool1 = chat(Preset.GENERIC, Fixtures.cassetteBody("ollama/test_ollama_cloud_tool_output.yaml", 1));
    assertThat(tool1.id()).isEqualTo("chatcmpl-273");
    assertThat(tool1.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(tool1.message().toolCalls()).containsExactly(
        ToolCall.of("call_o2vnpxrw", "final_result", "{\"city\":\"Paris\",\"country\":\"France\"}"));
    assertThat(tool1.message().reasoning()).containsExactly(Reasoning.of(
        Json.tryRead(Fixtures.cassetteBody(cassette, 1)).at("/choices/0/message/reasoning").asText()));
    assertThat(tool1.text()).isEmpty();
    assertThat(tool1.usage()).isEqualTo(Usage.of(206, 194));
    ChatResponse prompted = chat(Preset.GENERIC, Fixtures.cassetteBody("ollama/test_ollama_cloud_prompted_output.yaml", 0));
    assertThat(prompted.text()).isEqualTo("{\"name\":\"Loki\",\"animal\":\"cat\",\"age\":3}");
    ChatResponse local = chat(Preset.GENERIC, Fixtures.cassetteBody("ollama/test_ollama_local_native_output_uses_json_schema.yaml", 0));
    assertThat(local.text()).isEqualTo("{ \"city\": \"Paris\", \"country\": \"France\" }");
    assertThat(local.message().reasoning()).containsExactly(Reasoning.of(Json.tryRead(Fixtures.cassetteBody(
        "ollama/test_ollama_local_native_output_uses_json_schema.yaml", 0)).at("/choices/0/message/reasoning").asText()));
  }

  // ------------------------------------------------------------------ presets and configuration

  @Test
  void presetsHaveBaseUrlsAndAuthStyles() throws Exception {
    assertThat(Preset.builtIn()).extracting(Preset::name).containsExactly("groq", "mistral", "together", "deepseek",
        "openrouter", "fireworks", "xai", "perplexity", "cerebras", "vllm", "lmstudio", "llamacpp", "generic");
    assertThat(Preset.named("Groq")).isSameAs(Preset.GROQ);
    assertThat(Preset.GROQ.baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
    assertThat(Preset.GENERIC.baseUrl()).isNull();
    assertThatThrownBy(() -> new OpenAiCompatibleProviderFactory().create(ProviderConfig.builder("g", "openai-compatible").build()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(ConfigException.Problem::path).containsExactly("providers.g.baseUrl"));
    assertThatThrownBy(() -> new OpenAiCompatibleProviderFactory().create(ProviderConfig.builder("g", "openai-compatible")
        .option("preset", "nope").build())).isInstanceOf(ConfigException.class);

    Preset custom = Preset.custom("corp", server.url("/llm").toString(), Preset.AuthStyle.X_API_KEY_HEADER);
    server.enqueue(jsonResponse(200, Fixtures.text("groq/groq-text.json")));
    try (OpenAiCompatibleProvider p = OpenAiCompatibleProvider.create(custom, ProviderConfig.builder("c", "corp")
        .credentials(CredentialProvider.apiKey("secret")).option("maxTokensParam", "max_completion_tokens").build())) {
      assertThat(p.type()).isEqualTo("corp");
      p.chat(hello(), ProviderCall.builder().model("m").build());
    }
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/llm/chat/completions");
    assertThat(r.getHeaders().get("x-api-key")).isEqualTo("secret");
    assertThat(r.getHeaders().get("Authorization")).isNull();
    assertThat(WireAssertions.body(r).get("max_completion_tokens").asInt()).isEqualTo(100);
  }

  @Test
  void localIsDeclaredNotInferred() {
    try (var p = new OpenAiCompatibleProviderFactory.Vllm().create(ProviderConfig.builder("v", "vllm").build())) {
      assertThat(p.type()).isEqualTo("vllm");
    }
    ProviderConfig remote = ProviderConfig.builder("v", "vllm").build();
    assertThat(remote.local()).as("a localhost preset is not local unless declared").isFalse();
  }

  /** The {@code delta.reasoning} text of an SSE body's events, up to its error event. */
  static String reasoningBefore(String sse) {
    StringBuilder sb = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (!line.startsWith("data: {")) continue;
      JsonNode e = Json.tryRead(line.substring(6));
      if (e == null || e.has("error")) break;
      JsonNode r = e.at("/choices/0/delta/reasoning");
      if (r.isTextual()) sb.append(r.asText());
    }
    return sb.toString();
  }
}
