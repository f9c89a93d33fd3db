package dev.aegis.providers.ollama;

import static dev.aegis.providers.openai.WireAssertions.assertBody;
import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderServerException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.testing.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Ollama's native API: request mapping, documented answers and streams, tool-call ids, errors, embed, tags. */
class OllamaProviderTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private OllamaProvider provider(boolean local) {
    return OllamaProvider.create(ProviderConfig.builder("ollama", "ollama").baseUrl(server.url("/").toString())
        .local(local).build());
  }

  private static ProviderCall call() {
    return ProviderCall.builder().model("llama3.2").build();
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().addMessage(Message.user("hello")).build();
  }

  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(body).build();
  }

  private List<ChatChunk> stream(String body) {
    server.enqueue(ndjson(body));
    List<ChatChunk> chunks = new ArrayList<>();
    try (OllamaProvider p = provider(true)) {
      p.stream(hello(), call(), chunks::add);
    }
    return chunks;
  }

  private ChatResponse chat(String body) {
    server.enqueue(jsonResponse(200, body));
    try (OllamaProvider p = provider(true)) {
      return p.chat(hello(), call());
    }
  }

  @Test
  void requestMapping() throws Exception {
    server.enqueue(jsonResponse(200, Fixtures.text("ollama/derived/api-chat-nonstream.docs.json")));
    ChatRequest request = ChatRequest.builder()
        .addMessage(Message.developer("Be terse."))
        .addMessage(Message.builder(Role.USER).addText("What is this? ").addPart(ContentPart.imageData("image/png", "AAAA")).build())
        .temperature(0.5).topP(0.8).topK(20).maxTokens(64).stop(List.of("\n\n")).seed(7L)
        .presencePenalty(0.2).frequencyPenalty(0.4).n(2).user("ignored").logprobs(true)
        .responseFormat(ResponseFormat.jsonSchema("city", "{\"type\":\"object\"}", true))
        .reasoningEffort("high")
        .extra("keep_alive", "5m").extra("options", Map.of("num_ctx", 8192))
        .build();
    try (OllamaProvider p = provider(true)) {
      p.chat(request, ProviderCall.builder().model("qwen3").params(Map.of("options", Map.of("num_gpu", 1))).build());
    }
    assertBody(server.takeRequest(5, TimeUnit.SECONDS), "{\"model\":\"qwen3\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be terse.\"},"
        + "{\"role\":\"user\",\"content\":\"What is this? \",\"images\":[\"AAAA\"]}],"
        + "\"stream\":false,\"format\":{\"type\":\"object\"},\"think\":\"high\",\"keep_alive\":\"5m\","
        + "\"options\":{\"temperature\":0.5,\"top_p\":0.8,\"top_k\":20,\"num_predict\":64,\"stop\":[\"\\n\\n\"],\"seed\":7,"
        + "\"presence_penalty\":0.2,\"frequency_penalty\":0.4,\"num_ctx\":8192,\"num_gpu\":1}}");
  }

  @Test
  void remoteImagesAreRefused() {
    ChatRequest request = ChatRequest.builder().addMessage(Message.builder(Role.USER)
        .addPart(ContentPart.image("https://example.com/a.png")).build()).build();
    try (OllamaProvider p = provider(true)) {
      assertThatThrownBy(() -> p.chat(request, call())).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void base64EmbeddingsAreRefusedBeforeTheCall() {
    dev.aegis.api.embedding.EmbeddingRequest request = dev.aegis.api.embedding.EmbeddingRequest.builder().addInput("x")
        .encodingFormat(dev.aegis.api.embedding.EmbeddingRequest.EncodingFormat.BASE64).build();
    try (OllamaProvider p = provider(true)) {
      assertThatThrownBy(() -> p.embed(request, call()))
          .isInstanceOf(dev.aegis.api.error.ProviderInvalidRequestException.class)
          .hasMessageContaining("returns embeddings as float arrays only; encodingFormat BASE64 cannot be honoured");
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void documentedAnswer() {
    ChatResponse r = chat(Fixtures.text("ollama/derived/api-chat-nonstream.docs.json"));
    assertThat(r.text()).isEqualTo("Hello! How are you today?");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.of(26, 298));
    assertThat(r.model()).isEqualTo("llama3.2");
    assertThat(r.created()).isEqualTo(1702390423L);
    assertThat(r.extras()).containsEntry("total_duration", 5191566416L);
  }

  @Test
  void toolCallsGetStableIdsIdenticalInStreamAndAnswer() {
    ChatResponse whole = chat(Fixtures.text("ollama/derived/api-chat-nonstream-tools.docs.json"));
    assertThat(whole.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ToolCall call = whole.message().toolCalls().get(0);
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Tokyo\"}");
    assertThat(call.id()).startsWith("call_0_");
    assertThat(whole.usage()).isEqualTo(Usage.of(169, 18));

    ChatResponse streamed = Streams.assemble(stream(Fixtures.text("ollama/derived/api-chat-stream-tools.docs.ndjson")));
    assertThat(streamed.message().toolCalls()).containsExactly(call);
    assertThat(streamed.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(streamed.usage()).isEqualTo(Usage.of(169, 15));
  }

  @Test
  void documentedStream() throws Exception {
    List<ChatChunk> chunks = stream(Fixtures.text("ollama/derived/api-chat-stream.docs.ndjson"));
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).role()).isEqualTo(Role.ASSISTANT);
    assertThat(chunks.get(0).text()).isEqualTo("The");
    assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("ollama-2023-08-04T08:52:19.385406455-07:00"));
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("The");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.of(26, 282));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/chat");
  }

  @Test
  void midStreamErrorLine() {
    server.enqueue(ndjson(Fixtures.text("ollama/derived/api-generate-stream-midstream-error.docs.ndjson")));
    List<ChatChunk> chunks = new ArrayList<>();
    try (OllamaProvider p = provider(true)) {
      assertThatThrownBy(() -> p.stream(hello(), call(), chunks::add))
          .isInstanceOfSatisfying(StreamException.class, e -> {
            assertThat(e.getMessage()).contains("an error was encountered while running the model");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getCause()).isInstanceOf(ProviderServerException.class);
          });
    }
    assertThat(Streams.assemble(chunks).text()).isEqualTo(" Yes.Ican");
  }

  @Test
  void streamWithoutDoneIsRetryable() {
    server.enqueue(ndjson("{\"model\":\"m\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"));
    try (OllamaProvider p = provider(true)) {
      assertThatThrownBy(() -> p.stream(hello(), call(), c -> {}))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Test
  void modelNotFound() {
    server.enqueue(jsonResponse(404, "{\"error\":\"model 'nope' not found\"}"));
    try (OllamaProvider p = provider(true)) {
      assertThatThrownBy(() -> p.chat(hello(), call()))
          .isInstanceOfSatisfying(ProviderInvalidRequestException.class,
              e -> assertThat(e.error().message()).isEqualTo("model 'nope' not found"));
    }
  }

  @Test
  void embedAndTags() throws Exception {
    server.enqueue(jsonResponse(200, "{\"model\":\"all-minilm\",\"embeddings\":[[0.1,0.2],[0.3,0.4]],\"prompt_eval_count\":8}"));
    server.enqueue(jsonResponse(200, "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"},"
        + "{\"name\":\"nomic-embed-text:latest\",\"model\":\"nomic-embed-text:latest\"}]}"));
    try (OllamaProvider p = provider(false)) {
      EmbeddingResponse e = p.embed(EmbeddingRequest.builder().addInput("a").addInput("b").build(),
          ProviderCall.builder().model("all-minilm").build());
      assertThat(e.embeddings()).hasSize(2);
      assertThat(e.embeddings().get(1).vector()).containsExactly(0.3f, 0.4f);
      assertThat(e.usage().inputTokens()).isEqualTo(8);
      assertThat(p.models(call())).containsExactly(
          new ModelInfo("llama3.2:latest", "ollama", ModelInfo.Type.CHAT, null),
          new ModelInfo("nomic-embed-text:latest", "ollama", ModelInfo.Type.EMBEDDING, null));
    }
    RecordedRequest embed = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(embed.getUrl().encodedPath()).isEqualTo("/api/embed");
    assertBody(embed, "{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/tags");
  }

  @Test
  void localIsWhatTheConfigurationDeclares() {
    try (OllamaProvider remote = provider(false); OllamaProvider local = provider(true)) {
      assertThat(remote.type()).isEqualTo("ollama");
      assertThat(remote.local()).isFalse();
      assertThat(local.local()).isTrue();
    }
  }
}
