package dev.aegis.providers.azure;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.internal.ChatCompletionsClient;
import dev.aegis.providers.testing.Streams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Azure OpenAI: deployment URLs, credentials, content-filter results, Azure stream quirks. */
class AzureOpenAiProviderTest {
  @StartStop
  final MockWebServer server = new MockWebServer();

  private AzureOpenAiProvider provider(ProviderConfig.Builder b) {
    return AzureOpenAiProvider.create(b.baseUrl(server.url("/").toString()).build());
  }

  private AzureOpenAiProvider provider() {
    return provider(ProviderConfig.builder("az", "azure-openai").credentials(CredentialProvider.apiKey("k")));
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-4o").addMessage(Message.user("hello")).build();
  }

  private static ProviderCall call(String model) {
    return ProviderCall.builder().model(model).build();
  }

  private List<ChatChunk> stream(String body) {
    server.enqueue(sseResponse(body));
    List<ChatChunk> chunks = new ArrayList<>();
    try (AzureOpenAiProvider p = provider()) {
      p.stream(hello(), call("dep"), chunks::add);
    }
    return chunks;
  }

  @Test
  void deploymentIsTheTargetModelOverrideOrTheDeploymentOption() throws Exception {
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0)));
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0)));
    try (AzureOpenAiProvider p = provider()) {
      p.chat(hello(), call("gpt4o-prod"));
    }
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
    assertThat(r.getUrl().query()).isEqualTo("api-version=2024-10-21");
    try (AzureOpenAiProvider p = provider(ProviderConfig.builder("az", "azure-openai")
        .credentials(CredentialProvider.apiKey("k")).option("deployment", "fixed dep").option("apiVersion", "2025-01-01-preview"))) {
      p.chat(hello(), call("gpt-4o"));
    }
    r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/deployments/fixed%20dep/chat/completions");
    assertThat(r.getUrl().queryParameter("api-version")).isEqualTo("2025-01-01-preview");
    assertThat(dev.aegis.providers.openai.WireAssertions.body(r).path("model").asText()).isEqualTo("fixed dep");
  }

  @Test
  void v1ApiPutsTheDeploymentInTheBody() throws Exception {
    server.enqueue(jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0)));
    try (AzureOpenAiProvider p = provider(ProviderConfig.builder("az", "azure-openai").option("apiVersion", "v1")
        .credentials(CredentialProvider.apiKey("k")))) {
      p.chat(hello(), call("dep-1"));
    }
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(r.getUrl().query()).isNull();
    assertThat(dev.aegis.providers.openai.WireAssertions.body(r).path("model").asText()).isEqualTo("dep-1");
  }

  @Test
  void entraTokenFromARefreshingCredentialProvider() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    CredentialProvider entra = CredentialProvider.refreshing(
        () -> new Credential.BearerToken("token-" + loads.incrementAndGet(), now.plusSeconds(loads.get() == 1 ? 60 : 3600)),
        Duration.ofMinutes(5), clock);
    for (int i = 0; i < 3; i++) {
      server.enqueue(jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0)));
    }
    try (AzureOpenAiProvider p = provider(ProviderConfig.builder("az", "azure-openai").credentials(entra))) {
      for (int i = 0; i < 3; i++) p.chat(hello(), call("dep"));
    }
    // the first token expires within the refresh window: the next request loads a fresh one
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
    assertThat(second.getHeaders().get("api-key")).isNull();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  @SuppressWarnings("unchecked")
  void recordedAnswerKeepsFilterResultsAndRequestId() {
    server.enqueue(new MockResponse.Builder(jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0)))
        .setHeader("apim-request-id", "1d93fae1-cb8e-4789-8fb6-d26577a3cb77").removeHeader("x-request-id").build());
    ChatResponse r;
    try (AzureOpenAiProvider p = provider()) {
      r = p.chat(hello(), call("dep"));
    }
    assertThat(r.text()).isEqualTo("The capital of France is **Paris**.");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(14).outputTokens(9).build());
    assertThat(r.systemFingerprint()).isEqualTo("fp_ded0d14823");
    assertThat(r.extras()).containsKey("prompt_filter_results");
    assertThat(r.firstChoice().extras()).containsOnlyKeys("content_filter_results");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) r.metadata().attributes()
        .get(AzureOpenAiProvider.CONTENT_FILTER_RESULTS);
    assertThat(results).hasSize(1);
    assertThat(results.get(0)).containsKeys("hate", "self_harm", "sexual", "violence", "protected_material_code");
    assertThat(r.metadata().attributes()).doesNotContainKey(AzureOpenAiProvider.FILTERED_CATEGORIES);
    assertThat(r.metadata().attributes()).containsEntry(ChatCompletionsClient.REQUEST_ID_ATTRIBUTE,
        "1d93fae1-cb8e-4789-8fb6-d26577a3cb77");
  }

  @Test
  void filteredAnswerHasContentFilterFinishAndCategories() {
    server.enqueue(jsonResponse(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"finish_reason\":\"content_filter\",\"message\":{\"role\":\"assistant\",\"content\":null},"
        + "\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},"
        + "\"violence\":{\"filtered\":true,\"severity\":\"high\"}}}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5}}"));
    ChatResponse r;
    try (AzureOpenAiProvider p = provider()) {
      r = p.chat(hello(), call("dep"));
    }
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(r.metadata().attributes()).containsEntry(AzureOpenAiProvider.FILTERED_CATEGORIES, List.of("violence"));
  }

  @Test
  void filterNotRunIsKept() {
    server.enqueue(jsonResponse(200, Fixtures.text("azure/derived/azure-content-filter-not-run.docs.json")));
    ChatResponse r;
    try (AzureOpenAiProvider p = provider()) {
      r = p.chat(hello(), call("dep"));
    }
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) r.metadata().attributes()
        .get(AzureOpenAiProvider.CONTENT_FILTER_RESULTS);
    assertThat(results.get(0)).containsKey("error");
  }

  @Test
  void promptFilter400IsAContentFilterException() {
    server.enqueue(jsonResponse(400, Fixtures.text("azure/derived/azure-content-filter-prompt-400.reconstructed.json")));
    try (AzureOpenAiProvider p = provider()) {
      assertThatThrownBy(() -> p.chat(hello(), call("dep")))
          .isInstanceOfSatisfying(ContentFilterException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error().code()).isEqualTo("content_filter");
            assertThat(e.error().param()).isEqualTo("prompt");
            assertThat(e.error().message()).endsWith("[filtered: sexual]");
            assertThat(e.retryable()).isFalse();
          });
    }
  }

  @Test
  void recordedModelRouterStream() {
    List<ChatChunk> chunks = stream(Fixtures.sse("azure/azure-model-router.1.chunks.txt", true));
    assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt"));
    assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo("gpt-5-nano-2025-08-07"));
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("Capital of Denmark.")
        .isEqualTo(dev.aegis.providers.openai.OpenAiProviderTestSupport.expectedText("azure/azure-model-router.1.chunks.txt"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.usage()).isEqualTo(Usage.builder().inputTokens(15).outputTokens(78).reasoningTokens(64).build());
  }

  @Test
  void asyncFilterAnnotationsThatPass() {
    List<ChatChunk> chunks = stream(Fixtures.text("azure/derived/azure-async-filter-stream-passes.docs.sse"));
    assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY"));
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("Color is a");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void asyncFilterAnnotationThatBlocks() {
    List<ChatChunk> chunks = stream(Fixtures.text("azure/derived/azure-async-filter-stream-blocked.docs.sse"));
    ChatChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(last.id()).isEqualTo("chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2");
    ChatResponse r = Streams.assemble(chunks);
    assertThat(r.text()).isEqualTo("Hey Jude, better");
    assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
  }

  @Test
  void embeddingsUseTheDeploymentUrl() throws Exception {
    server.enqueue(jsonResponse(200, "{\"data\":[{\"index\":0,\"embedding\":[1.0]}],\"model\":\"ada\",\"usage\":{\"prompt_tokens\":1}}"));
    try (AzureOpenAiProvider p = provider()) {
      assertThat(p.embed(EmbeddingRequest.builder().addInput("x").build(), call("embed-dep")).embeddings()).hasSize(1);
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/openai/deployments/embed-dep/embeddings");
  }

  @Test
  void perChunkContentFilterResultsAreKeptInTheChunkExtras() {
    String file = "azure/azure-model-router.1.chunks.txt";
    List<com.fasterxml.jackson.databind.JsonNode> recorded = Fixtures.chunks(file);
    List<ChatChunk> chunks = stream(Fixtures.sse(file, true));
    Object promptFilter = dev.aegis.providers.internal.Json.plain(recorded.get(0).get("prompt_filter_results"));
    // the empty-id prompt-filter event rides on the first chunk, so every chunk keeps the stream's id
    assertThat(chunks.get(0).extras()).isEqualTo(Map.of("prompt_filter_results", promptFilter));
    for (int line = 2; line <= 5; line++) {
      assertThat(chunks.get(line - 1).extras()).as("chunk of line %d", line).isEqualTo(Map.of("content_filter_results",
          dev.aegis.providers.internal.Json.plain(recorded.get(line).at("/choices/0/content_filter_results"))));
    }
    assertThat(chunks.get(5).extras()).as("an empty {} filter result adds nothing").isEmpty();
    assertThat(Streams.assemble(chunks).firstChoice().extras()).isEqualTo(Map.of("prompt_filter_results", promptFilter,
        "content_filter_results", dev.aegis.providers.internal.Json.plain(recorded.get(5).at("/choices/0/content_filter_results"))));
  }

  @Test
  void asynchronousFilterAnnotationsBecomeExtrasOnlyChunks() {
    List<ChatChunk> chunks = stream(Fixtures.text("azure/derived/azure-async-filter-stream-passes.docs.sse"));
    Map<String, Object> safe = Map.of("hate", Map.of("filtered", false, "severity", "safe"),
        "self_harm", Map.of("filtered", false, "severity", "safe"), "sexual", Map.of("filtered", false, "severity", "safe"),
        "violence", Map.of("filtered", false, "severity", "safe"));
    String id = "chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY";
    assertThat(chunks).containsExactly(
        ChatChunk.builder(id, "gpt-35-turbo").role(dev.aegis.api.chat.Role.ASSISTANT)
            .extra("prompt_annotations", List.of(Map.of("prompt_index", 0, "content_filter_results", safe))).build(),
        ChatChunk.builder(id, "gpt-35-turbo").text("Color").build(),
        ChatChunk.builder(id, "gpt-35-turbo").text(" is").build(),
        ChatChunk.builder(id, "gpt-35-turbo").text(" a").build(),
        ChatChunk.builder(id, "gpt-35-turbo").extra("content_filter_results", safe)
            .extra("content_filter_offsets", Map.of("check_offset", 44, "start_offset", 44, "end_offset", 198)).build(),
        ChatChunk.builder(id, "gpt-35-turbo").finishReason(FinishReason.STOP).build(),
        ChatChunk.builder(id, "gpt-35-turbo").extra("content_filter_results", safe)
            .extra("content_filter_offsets", Map.of("check_offset", 506, "start_offset", 44, "end_offset", 571)).build());
  }

  @Test
  void cachedAndReasoningTokensWholeAndStreamed() {
    // the usage shape Azure documents for cached prompts (learn.microsoft.com, "Prompt caching") and reasoning models
    String usage = "{\"prompt_tokens\":1566,\"completion_tokens\":1518,\"total_tokens\":3084,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1408,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":576,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        + "\"rejected_prediction_tokens\":0}}";
    Usage expected = Usage.builder().inputTokens(1566).cacheReadTokens(1408).outputTokens(1518).reasoningTokens(576).build();
    server.enqueue(jsonResponse(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"o3-mini\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":" + usage + "}"));
    try (AzureOpenAiProvider p = provider()) {
      assertThat(p.chat(hello(), call("dep")).usage()).isEqualTo(expected);
    }
    List<ChatChunk> chunks = stream("data: {\"id\":\"chatcmpl-1\",\"model\":\"o3-mini\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: {\"id\":\"chatcmpl-1\",\"model\":\"o3-mini\",\"choices\":[],\"usage\":" + usage + "}\n\ndata: [DONE]\n\n");
    assertThat(chunks.get(chunks.size() - 1)).isEqualTo(ChatChunk.builder("chatcmpl-1", "o3-mini").usage(expected).build());
  }

  @Test
  void embeddingDimensionsAndEncodingFormatGoOnTheWire() throws Exception {
    server.enqueue(jsonResponse(200, "{\"data\":[{\"index\":0,\"embedding\":\"AACAPwAAAEA=\"}],\"model\":\"ada\","
        + "\"usage\":{\"prompt_tokens\":1}}"));
    try (AzureOpenAiProvider p = provider()) {
      var r = p.embed(EmbeddingRequest.builder().addInput("x").dimensions(2)
          .encodingFormat(EmbeddingRequest.EncodingFormat.BASE64).build(), call("embed-dep"));
      assertThat(r.embeddings().get(0).vector()).containsExactly(1.0f, 2.0f);
    }
    dev.aegis.providers.openai.WireAssertions.assertBody(server.takeRequest(5, TimeUnit.SECONDS),
        "{\"model\":\"embed-dep\",\"input\":[\"x\"],\"dimensions\":2,\"encoding_format\":\"base64\"}");
  }
}
