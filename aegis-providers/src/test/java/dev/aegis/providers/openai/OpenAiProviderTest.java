package dev.aegis.providers.openai;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import dev.aegis.providers.testing.Streams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI adapter against recorded OpenAI traffic: exact wire requests, exact normalized results. */
class OpenAiProviderTest {
  @StartStop
  final MockWebServer server = new MockWebServer();
  private OpenAiProvider provider;

  private OpenAiProvider provider() {
    if (provider == null) {
      provider = OpenAiProvider.create(ProviderConfig.builder("oa", "openai").baseUrl(server.url("/v1").toString())
          .credentials(CredentialProvider.apiKey("sk-test")).option("organization", "org-1")
          .header("X-Team", "search").build());
    }
    return provider;
  }

  @AfterEach
  void close() {
    if (provider != null) provider.close();
  }

  private static ProviderCall call(String model) {
    return ProviderCall.builder().model(model).build();
  }

  private List<ChatChunk> stream(String sseBody, ChatRequest request) {
    server.enqueue(sseResponse(sseBody));
    List<ChatChunk> chunks = new ArrayList<>();
    provider().stream(request, call("gpt-4o"), chunks::add);
    return chunks;
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().addMessage(Message.user("hello")).build();
  }

  /** The text a chunks file spells, computed independently of the adapter. */
  static String expectedText(List<JsonNode> chunks) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : chunks) {
      for (JsonNode choice : c.path("choices")) {
        JsonNode content = choice.path("delta").get("content");
        if (content != null && content.isTextual()) sb.append(content.asText());
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ request encoding

  @Test
  void everyRequestFieldIsSent() throws Exception {
    server.enqueue(jsonResponse(200, Fixtures.text("openai/openai-text.json")));
    ChatRequest request = ChatRequest.builder()
        .model("alias-not-sent")
        .addMessage(Message.developer("Be terse."))
        .addMessage(Message.builder(Role.USER).name("ada").addText("Look:")
            .addPart(ContentPart.image("https://example.com/cat.png").withDetail("low")).build())
        .addMessage(Message.builder(Role.ASSISTANT).refusal("No.").build())
        .temperature(0.2).topP(0.9).topK(40).maxTokens(256).stop(List.of("END", "STOP")).n(2).seed(42L)
        .presencePenalty(0.1).frequencyPenalty(0.3).logprobs(true).topLogprobs(3).user("user-7")
        .addTool(Tool.builder("lookup").parameters("{\"type\":\"object\",\"properties\":{}}").strict(true).build())
        .toolChoice(ToolChoice.function("lookup")).parallelToolCalls(false)
        .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true))
        .reasoningEffort("low")
        .extra("service_tier", "flex").extra("metadata", Map.of("k", "v"))
        .build();
    provider().chat(request, ProviderCall.builder().model("o4-mini").params(Map.of("store", false))
        .headers(Map.of("X-Trace", "t1")).build());
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("OpenAI-Organization")).isEqualTo("org-1");
    assertThat(r.getHeaders().get("X-Team")).isEqualTo("search");
    assertThat(r.getHeaders().get("X-Trace")).isEqualTo("t1");
    assertBody(r, "{\"model\":\"o4-mini\",\"messages\":["
        + "{\"role\":\"developer\",\"content\":\"Be terse.\"},"
        + "{\"role\":\"user\",\"name\":\"ada\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\",\"detail\":\"low\"}}]},"
        + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":\"No.\"}],"
        + "\"temperature\":0.2,\"top_p\":0.9,\"max_completion_tokens\":256,\"stop\":[\"END\",\"STOP\"],\"n\":2,"
        + "\"seed\":42,\"presence_penalty\":0.1,\"frequency_penalty\":0.3,\"logprobs\":true,\"top_logprobs\":3,"
        + "\"user\":\"user-7\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}},\"strict\":true}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}},\"parallel_tool_calls\":false,"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\","
        + "\"schema\":{\"type\":\"object\"},\"strict\":true}},\"reasoning_effort\":\"low\","
        + "\"service_tier\":\"flex\",\"metadata\":{\"k\":\"v\"},\"store\":false}");
  }

  @Test
  void recordedToolRequestEncodesTheSameJson() throws Exception {
    // the second turn of the recorded tool-call stream, rebuilt from normalized types
    JsonNode recorded = Fixtures.cassetteRequest("openai/test_run_stream_sync_streams_real_model.yaml", 1);
    server.enqueue(sseResponse(Fixtures.cassetteBody("openai/test_run_stream_sync_streams_real_model.yaml", 1)));
    Tool tool = Tool.builder("get_capital").description("").parameters("{\"additionalProperties\":false,\"properties\":{\"country\":"
        + "{\"type\":\"string\"}},\"required\":[\"country\"],\"type\":\"object\"}").strict(true).build();
    ChatRequest request = ChatRequest.builder()
        .addMessage(Message.user("What is the capital of the UK? Use the tool, then answer."))
        .addMessage(Message.assistant(List.of(ToolCall.of("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}"))))
        .addMessage(Message.tool("call_ZR5UUuTt3pf61kjwAJIYdVMj", "London"))
        .addTool(tool).toolChoice(ToolChoice.AUTO).build();
    List<ChatChunk> chunks = new ArrayList<>();
    provider().stream(request, call("gpt-4o-mini"), chunks::add);
    assertThat(WireAssertions.body(server.takeRequest(5, TimeUnit.SECONDS))).isEqualTo(recorded);
    assertThat(Streams.assemble(chunks).text()).isEqualTo("The capital of the UK is London.");
  }

  // ------------------------------------------------------------------ whole answers

  @Test
  void decodesRecordedTextResponse() throws Exception {
    server.enqueue(jsonResponse(200, Fixtures.text("openai/openai-text.json")));
    ChatResponse r = provider().chat(hello(), call("gpt-4.1-nano"));
    JsonNode expected = Fixtures.json("openai/openai-text.json");
    assertThat(r.id()).isEqualTo("chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU");
    assertThat(r.model()).isEqualTo("gpt-4.1-nano-2025-04-14");
    assertThat(r.created()).isEqualTo(1770933883L);
    assertThat(r.text()).isEqualTo(expected.at("/choices/0/message/content").asText());
    assertThat(r.message().refusal()).isNull();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(16).outputTokens(363).build());
    assertThat(r.systemFingerprint()).isEqualTo("fp_de604bd877");
    assertThat(r.extras()).containsEntry("service_tier", "default")
        .as("standard usage details add nothing").doesNotContainKeys("usage");
    assertThat(r.firstChoice().extras()).as("empty annotations add nothing").isEmpty();
    assertThat(r.metadata().attributes()).containsEntry(ChatCompletionsClient.REQUEST_ID_ATTRIBUTE, "req_200");
  }

  @Test
  void decodesRefusal() {
    server.enqueue(jsonResponse(200, Fixtures.text("openai/derived/chat-completion-refusal.docs-example.json")));
    ChatResponse r = provider().chat(hello(), call("gpt-4o"));
    assertThat(r.message().refusal()).isEqualTo("I'm sorry, I cannot assist with that request.");
    assertThat(r.text()).isEmpty();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(81).outputTokens(11).build());
  }

  @Test
  void decodesRecordedToolCallsAndFollowUp() {
    String cassette = "openai/test_openai_tool_output.yaml";
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody(cassette, 0)));
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody(cassette, 1)));
    ChatResponse first = provider().chat(hello(), call("gpt-4o"));
    assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(first.message().toolCalls())
        .containsExactly(ToolCall.of("call_iXFttys57ap0o16JSlC8yhYo", "get_user_country", "{}"));
    assertThat(first.usage()).isEqualTo(Usage.builder().inputTokens(68).outputTokens(12).build());
    ChatResponse second = provider().chat(hello(), call("gpt-4o"));
    JsonNode recorded = Fixtures.cassette(cassette).at("/interactions/1/response/parsed_body/choices/0/message/tool_calls/0");
    ToolCall call = second.message().toolCalls().get(0);
    assertThat(call.id()).isEqualTo(recorded.path("id").asText());
    assertThat(call.name()).isEqualTo(recorded.at("/function/name").asText());
    assertThat(call.arguments()).isEqualTo(recorded.at("/function/arguments").asText());
  }

  @Test
  void decodesReasoningTokens() {
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody("openai/test_reasoning_model_with_temperature.yaml", 0)));
    ChatResponse r = provider().chat(hello(), call("o3-mini"));
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(13).outputTokens(238).reasoningTokens(192).build());
    JsonNode recorded = dev.aegis.providers.internal.Json.tryRead(Fixtures.cassetteBody("openai/test_reasoning_model_with_temperature.yaml", 0));
    assertThat(r.text()).isEqualTo(recorded.at("/choices/0/message/content").asText());
    assertThat(r.id()).isEqualTo(recorded.get("id").asText());
    assertThat(r.model()).isEqualTo(recorded.get("model").asText());
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  // ------------------------------------------------------------------ streams

  @Test
  void decodesRecordedTextStream() throws Exception {
    List<ChatChunk> chunks = stream(Fixtures.sse("openai/openai-text.chunks.txt", true), hello());
    List<JsonNode> recorded = Fixtures.chunks("openai/openai-text.chunks.txt");
    assertThat(chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks).allSatisfy(c -> {
      assertThat(c.id()).isEqualTo("chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0");
      assertThat(c.index()).isZero();
    });
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo(expectedText(recorded)).startsWith("**Holiday Name:**");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(16).outputTokens(300).build());
    assertThat(chunks.get(chunks.size() - 1)).as("the final choices:[] event is a usage-only chunk")
        .isEqualTo(ChatChunk.builder("chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0", recorded.get(0).get("model").asText())
            .usage(Usage.builder().inputTokens(16).outputTokens(300).build()).build());
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept")).isEqualTo("text/event-stream");
  }

  @Test
  void decodesRecordedToolCallStream() {
    List<ChatChunk> chunks = stream(Fixtures.cassetteBody("openai/test_run_stream_sync_streams_real_model.yaml", 0), hello());
    assertThat(chunks.get(0).toolCalls().get(0).id()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
    assertThat(chunks.get(0).toolCalls().get(0).name()).isEqualTo("get_capital");
    assertThat(chunks.get(1).toolCalls().get(0).id()).isNull();
    assertThat(chunks.get(1).toolCalls().get(0).name()).isNull();
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.message().toolCalls()).containsExactly(ToolCall.of("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(53).outputTokens(15).build());
  }

  @Test
  void moderationChunkAfterUsageIsIgnored() {
    List<ChatChunk> chunks = stream(Fixtures.cassetteBody("openai/test_openai_moderation_stream.yaml", 0), hello());
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("Paris.");
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(13).outputTokens(11).build());
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void keepAlivesCrlfAndSplitReadsIncludingUtf8() {
    String chunk1 = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"h\u00e9llo \"},\"finish_reason\":null}]}";
    String chunk2 = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w\u00f6rld \uD83D\uDE00 \u65e5\u672c\"},\"finish_reason\":\"stop\"}]}";
    String usage = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}";
    String body = ": keep-alive\r\n\r\ndata: " + chunk1 + "\r\n\r\n: ping\r\n\r\ndata: " + chunk2 + "\r\n\r\ndata: " + usage
        + "\r\n\r\ndata: [DONE]\r\n\r\n";
    // 3 bytes per write: events, lines and multi-byte characters all split across network reads
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body)
        .throttleBody(3, 1, TimeUnit.MILLISECONDS).build());
    List<ChatChunk> chunks = new ArrayList<>();
    provider().stream(hello(), call("m"), chunks::add);
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("h\u00e9llo w\u00f6rld \uD83D\uDE00 \u65e5\u672c");
    assertThat(r.usage()).isEqualTo(Usage.of(3, 4));
    assertThat(chunks).hasSize(3);
  }

  @Test
  void multiChoiceChunksAreSplitPerChoice() {
    String c = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"},"
        + "{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"length\"}]}";
    List<ChatChunk> chunks = stream("data: " + c + "\n\ndata: [DONE]\n\n", hello());
    assertThat(chunks).extracting(ChatChunk::index).containsExactly(0, 1);
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.choices()).hasSize(2);
    assertThat(r.choices().get(1).message().text()).isEqualTo("b");
    assertThat(r.choices().get(1).finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void errorObjectMidStreamIsATypedStreamException() {
    String ok = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}";
    String err = "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}";
    server.enqueue(sseResponse("data: " + ok + "\n\ndata: " + err + "\n\n"));
    List<ChatChunk> chunks = new ArrayList<>();
    assertThatThrownBy(() -> provider().stream(hello(), call("m"), chunks::add))
        .isInstanceOfSatisfying(StreamException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.provider()).isEqualTo("oa");
          assertThat(e.getCause()).isInstanceOf(ProviderServerException.class);
          assertThat(((ProviderException) e.getCause()).error().type()).isEqualTo("server_error");
        });
    assertThat(chunks).extracting(ChatChunk::text).containsExactly("partial");
  }

  @Test
  void truncatedStreamIsARetryableProviderError() {
    String ok = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}";
    server.enqueue(sseResponse("data: " + ok + "\n\n"));
    assertThatThrownBy(() -> provider().stream(hello(), call("m"), c -> {}))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.error().code()).isEqualTo("incomplete_stream");
        });
  }

  @Test
  void streamUsageOptionMergesWithCallerStreamOptions() throws Exception {
    ChatRequest r = hello().toBuilder().extra("stream_options", Map.of("include_obfuscation", false)).build();
    stream(Fixtures.sse("openai/openai-text.chunks.txt", true), r);
    assertThat(WireAssertions.body(server.takeRequest(5, TimeUnit.SECONDS)).get("stream_options"))
        .isEqualTo(dev.aegis.providers.internal.Json.read("{\"include_obfuscation\":false,\"include_usage\":true}"));
  }

  // ------------------------------------------------------------------ embeddings and models

  @Test
  void embeddingsFloatAndBase64() throws Exception {
    server.enqueue(jsonResponse(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
        + "\"embedding\":[0.25,-0.5,1.0]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
    EmbeddingResponse floats = provider().embed(EmbeddingRequest.builder().addInput("hi").dimensions(3).build(),
        call("text-embedding-3-small"));
    assertBody(server.takeRequest(5, TimeUnit.SECONDS),
        "{\"model\":\"text-embedding-3-small\",\"input\":[\"hi\"],\"dimensions\":3}");
    assertThat(floats.embeddings().get(0).vector()).containsExactly(0.25f, -0.5f, 1.0f);
    assertThat(floats.usage().inputTokens()).isEqualTo(2);

    ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
    String b64 = Base64.getEncoder().encodeToString(buf.array());
    server.enqueue(jsonResponse(200, "{\"data\":[{\"index\":0,\"embedding\":\"" + b64 + "\"},{\"index\":1,\"embedding\":\""
        + b64 + "\"}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":4}}"));
    EmbeddingResponse base64 = provider().embed(EmbeddingRequest.builder().addInput("a").addInput("b")
        .encodingFormat(EmbeddingRequest.EncodingFormat.BASE64).build(), call("e"));
    assertBody(server.takeRequest(5, TimeUnit.SECONDS), "{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}");
    assertThat(base64.embeddings()).hasSize(2);
    assertThat(base64.embeddings().get(1).vector()).containsExactly(1.5f, -2f);
    assertThat(base64.embeddings().get(1).index()).isEqualTo(1);
  }

  @Test
  void listsModels() throws Exception {
    server.enqueue(jsonResponse(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"owned_by\":\"system\"},"
        + "{\"id\":\"text-embedding-3-small\",\"object\":\"model\",\"owned_by\":\"system\"}]}"));
    List<ModelInfo> models = provider().models(call("unused"));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(models).containsExactly(new ModelInfo("gpt-4o", "system", ModelInfo.Type.CHAT, null),
        new ModelInfo("text-embedding-3-small", "system", ModelInfo.Type.EMBEDDING, null));
  }

  // ------------------------------------------------------------------ discovery and configuration

  @Test
  void factoriesAreDiscoveredByType() {
    // on the module path the looking-up module declares the use, as aegis-core would
    getClass().getModule().addUses(ProviderFactory.class);
    Map<String, ProviderFactory> byType = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get).collect(Collectors.toMap(ProviderFactory::type, f -> f));
    assertThat(byType.keySet()).contains("openai", "azure-openai", "openai-compatible", "groq", "mistral", "together",
        "deepseek", "openrouter", "fireworks", "xai", "perplexity", "cerebras", "vllm", "lmstudio", "llamacpp", "ollama");
    assertThat(byType.get("openai").create(ProviderConfig.builder("o", "openai").build()).type()).isEqualTo("openai");
  }

  @Test
  void configProblemsAreReportedWithPaths() {
    assertThatThrownBy(() -> OpenAiProvider.create(ProviderConfig.builder("o", "openai").baseUrl("not a url")
        .option("orgnization", "x").build()))
        .isInstanceOfSatisfying(dev.aegis.api.error.ConfigException.class, e -> assertThat(e.problems())
            .extracting(dev.aegis.api.error.ConfigException.Problem::path)
            .containsExactlyInAnyOrder("providers.o.options.orgnization", "providers.o.baseUrl"));
  }
}
