package dev.aegis.examples.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.aegis.api.AiGateway;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.event.RequestFailed;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAI-compatible API driven by the official OpenAI Java SDK over a real socket, against
 * the demo gateway (mock provider, deterministic). Each server binding runs the same contract.
 * The SDK runs on okhttp-jvm 5 (its OkHttp 4 is excluded) and never retries ({@code maxRetries(0)}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenAiSdkContract {
  private static final String QUESTION = "What does Aegis do?";
  private Gateway gateway;
  private String demoKey;
  private RunningServer server;
  private OpenAIClient client;
  private final CompletableFuture<RequestFailed> cancelled = new CompletableFuture<>();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<OpenAIClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final okhttp3.OkHttpClient adminHttp = new okhttp3.OkHttpClient();

  /** Starts the binding's server on a free port. */
  abstract RunningServer start(AiGateway gateway);

  @BeforeAll
  void startServer() {
    gateway = DemoGateway.builder(Duration.ZERO)
        .provider(MockProvider.builder("flaky").failures(FailurePlan.probability(1.0, 500, 1)).build())
        .provider(MockProvider.builder("slow").reply(DemoGateway.REPLY).chunks(16).chunkDelay(Duration.ofMillis(20))
            .build())
        .route("slow", Strategy.single(Target.of("slow")))
        .hook(event -> {
          if (event instanceof RequestFailed && ((RequestFailed) event).status() == Outcome.Status.CANCELLED) {
            cancelled.complete((RequestFailed) event);
          }
        })
        .route("broken", Strategy.single(Target.of("flaky")))
        .route("forbidden", Strategy.single(Target.of("mock")))
        .route("limited", Strategy.single(Target.of("mock")))
        .plugin(new Plugin() {
          @Override
          public RequestDecision onRequest(Exchange exchange) {
            String model = exchange.requestedModel();
            if ("forbidden".equals(model)) {
              return RequestDecision.reject(new dev.aegis.api.error.PermissionDeniedException(
                  "model 'forbidden' is not allowed for this key"));
            }
            if ("limited".equals(model)) {
              return RequestDecision.reject(new RateLimitedException("rpm", "the demo key may make 0 requests per minute",
                  Duration.ofSeconds(30)));
            }
            return RequestDecision.proceed();
          }
        })
        .build();
    server = start(gateway);
    demoKey = DemoGateway.issueDemoKey(gateway).secret();
    client = client(demoKey);
  }

  @AfterAll
  void stopServer() {
    clients.forEach(OpenAIClient::close);
    adminHttp.dispatcher().executorService().shutdown();
    adminHttp.connectionPool().evictAll();
    server.close();
    gateway.close();
  }

  /** A client for {@code key}; closed with the server. */
  private OpenAIClient client(String key) {
    OpenAIClient c = OpenAIOkHttpClient.builder()
        .baseUrl("http://localhost:" + server.port() + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .build();
    clients.add(c);
    return c;
  }

  private static ChatCompletionCreateParams.Builder question() {
    return ChatCompletionCreateParams.builder().model(DemoGateway.ALIAS).addUserMessage(QUESTION);
  }

  @Test
  void chat() {
    ChatCompletion c = client.chat().completions().create(question().build());
    assertThat(c.choices()).hasSize(1);
    assertThat(c.choices().get(0).message().content()).contains(DemoGateway.REPLY);
    assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(c.model()).isEqualTo("demo");
    CompletionUsage usage = c.usage().orElseThrow();
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    assertThat(usage.completionTokens()).isEqualTo(expectedUsage().completionTokens());
    assertThat(usage.promptTokens()).isEqualTo(expectedUsage().promptTokens());
  }

  /** What the mock counts for the question, asked in-process (the same gateway, no HTTP). */
  private CompletionUsage expectedUsage() {
    var r = gateway.route(dev.aegis.api.chat.ChatRequest.builder().model(DemoGateway.ALIAS)
            .addMessage(dev.aegis.api.chat.Message.user(QUESTION)).build(),
        dev.aegis.api.RequestOptions.builder().credential(demoKey).build());
    return CompletionUsage.builder().promptTokens(r.usage().inputTokens()).completionTokens(r.usage().outputTokens())
        .totalTokens(r.usage().totalTokens()).build();
  }

  @Test
  void streamsTokenByTokenWithUsageAndEqualsTheWholeAnswer() {
    List<String> tokens = new ArrayList<>();
    List<CompletionUsage> usages = new ArrayList<>();
    List<String> finishes = new ArrayList<>();
    ChatCompletionCreateParams params = question()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunk -> {
        chunk.usage().ifPresent(usages::add);
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
          choice.delta().content().ifPresent(tokens::add);
          choice.finishReason().ifPresent(f -> finishes.add(f.asString()));
        }
      });
    }
    assertThat(tokens).isEqualTo(inProcessTokens());
    assertThat(tokens.get(0)).isEqualTo("Aegis");
    assertThat(tokens.get(1)).isEqualTo(" routed");
    assertThat(String.join("", tokens)).isEqualTo(DemoGateway.REPLY);
    assertThat(finishes).containsExactly("stop");
    assertThat(usages).hasSize(1);
    CompletionUsage whole = client.chat().completions().create(question().build()).usage().orElseThrow();
    assertThat(usages.get(0).promptTokens()).isEqualTo(whole.promptTokens());
    assertThat(usages.get(0).completionTokens()).isEqualTo(whole.completionTokens());
    assertThat(usages.get(0).totalTokens()).isEqualTo(whole.totalTokens());
  }

  /** The same question streamed in-process: the HTTP stream must carry exactly these deltas. */
  private List<String> inProcessTokens() {
    List<String> out = new ArrayList<>();
    try (var stream = gateway.routeStream(dev.aegis.api.chat.ChatRequest.builder().model(DemoGateway.ALIAS)
        .addMessage(dev.aegis.api.chat.Message.user(QUESTION)).build(),
        dev.aegis.api.RequestOptions.builder().credential(demoKey).build())) {
      stream.iterator().forEachRemaining(c -> {
        if (!c.text().isEmpty()) out.add(c.text());
      });
    }
    return out;
  }

  @Test
  void toolCallRoundTrip() {
    FunctionDefinition weather = FunctionDefinition.builder().name("get_weather")
        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
        .build();
    ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model(DemoGateway.ALIAS)
        .addUserMessage("What is the weather in Paris?").addFunctionTool(weather).build();
    ChatCompletion call = client.chat().completions().create(first);
    assertThat(call.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall tool = call.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(tool.function().name()).isEqualTo("get_weather");
    assertThat(tool.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");

    ChatCompletion answer = client.chat().completions().create(first.toBuilder()
        .addMessage(call.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(tool.id()).content("18 C and sunny").build())
        .build());
    assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(answer.choices().get(0).message().content()).contains("The tool answered: 18 C and sunny");
  }

  @Test
  void streamedToolCallArrivesInPieces() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(DemoGateway.ALIAS)
        .addUserMessage("Weather?").addFunctionTool(FunctionDefinition.builder().name("get_weather").build()).build();
    StringBuilder arguments = new StringBuilder();
    List<String> names = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().flatMap(c -> c.choices().stream()).forEach(choice ->
          choice.delta().toolCalls().ifPresent(calls -> calls.forEach(t -> t.function().ifPresent(f -> {
            f.name().ifPresent(names::add);
            f.arguments().ifPresent(arguments::append);
          }))));
    }
    assertThat(names).containsExactly("get_weather");
    assertThat(arguments.toString()).isEqualTo("{\"city\":\"Paris\"}");
  }

  @Test
  void embeddings() {
    CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
        .model(DemoGateway.ALIAS).input("hello").build());
    assertThat(r.data()).hasSize(1);
    List<Float> vector = r.data().get(0).embedding();
    assertThat(vector).hasSize(8);
    var direct = gateway.embed(dev.aegis.api.embedding.EmbeddingRequest.builder().model(DemoGateway.ALIAS)
        .addInput("hello").build(), dev.aegis.api.RequestOptions.builder().credential(demoKey).build());
    List<Float> expected = new ArrayList<>();
    for (float f : direct.embeddings().get(0).vector()) expected.add(f);
    assertThat(vector).isEqualTo(expected);
    assertThat(r.usage().promptTokens()).isEqualTo(direct.usage().inputTokens());
  }

  @Test
  void modelsList() {
    List<String> ids = client.models().list().data().stream().map(Model::id).collect(Collectors.toList());
    assertThat(ids).containsExactlyInAnyOrder("demo", "slow", "broken", "forbidden", "limited");
    assertThat(client.models().retrieve("demo").id()).isEqualTo("demo");
  }

  @Test
  void errorsArriveAsTheSdksOwnExceptions() {
    assertError(() -> client.chat().completions().create(question().model("nope").build()), NotFoundException.class,
        404, "model_not_found", "unknown model 'nope'");
    assertError(() -> client(("wrong-key")).chat().completions().create(question().build()), UnauthorizedException.class,
        401, "authentication", "unknown virtual key");
    assertError(() -> client.chat().completions().create(question().model("forbidden").build()),
        PermissionDeniedException.class, 403, "permission_denied", "model 'forbidden' is not allowed for this key");
    assertError(() -> client.chat().completions().create(question().model("limited").build()), RateLimitException.class,
        429, "rate_limited", "the demo key may make 0 requests per minute");
    assertError(() -> client.chat().completions().create(question().model("broken").build()),
        InternalServerException.class, 502, "upstream_error", "provider 'flaky'");
    assertError(() -> client.chat().completions().create(question()
            .putAdditionalBodyProperty("n", JsonValue.from("two")).build()),
        BadRequestException.class, 400, "invalid_request", "'n' must be an integer but was a string");
  }

  @Test
  void aClientThatClosesTheStreamCancelsTheUpstreamCall() throws Exception {
    ChatCompletionCreateParams params = question().model("slow").build();
    List<String> seen = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      var it = stream.stream().iterator();
      while (seen.size() < 2 && it.hasNext()) {
        it.next().choices().forEach(c -> c.delta().content().ifPresent(seen::add));
      }
    }
    assertThat(seen).containsExactly("Aegis", " routed");
    RequestFailed done = cancelled.get(30, TimeUnit.SECONDS);
    assertThat(done.request().alias()).isEqualTo("slow");
    assertThat(done.provider()).isEqualTo("slow");
    assertThat(done.door()).isEqualTo(Exchange.Door.STREAM);
  }

  @Test
  void aStreamThatFailsBeforeItsFirstTokenIsAnHttpError() {
    ChatCompletionCreateParams params = question().model("limited").build();
    assertError(() -> {
      try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
        s.stream().forEach(c -> {});
      }
    }, RateLimitException.class, 429, "rate_limited", "the demo key may make 0 requests per minute");
  }

  @Test
  void wholeAndStreamedAnswersCarryTheKeysRemainingLimitAndTheCacheStatus() {
    String limited = gateway.virtualKeys().issue(VirtualKey.builder().tenant("acme").limit(
        dev.aegis.api.limit.RateLimit.requests(dev.aegis.api.limit.RateLimit.Scope.KEY, 10, Duration.ofDays(1)))
        .build()).secret();
    OpenAIClient c = client(limited);
    {
      try (HttpResponseFor<ChatCompletion> r = c.chat().completions().withRawResponse().create(question().build())) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().values("x-ratelimit-limit-requests")).containsExactly("10");
        assertThat(r.headers().values("x-ratelimit-remaining-requests")).containsExactly("9");
        // one request of a daily ten: the allowance is whole again after a tenth of a day
        assertThat(r.headers().values("x-ratelimit-reset-requests")).containsExactly("2h24m0s");
        assertThat(r.headers().values("x-ratelimit-limit-tokens")).isEmpty();
        assertThat(r.headers().values("x-aegis-cache")).containsExactly("miss");
        assertThat(r.headers().values("x-aegis-provider")).containsExactly("mock");
        assertThat(r.headers().values("x-aegis-attempts")).containsExactly("1");
        assertThat(r.parse().choices().get(0).message().content()).contains(DemoGateway.REPLY);
      }
      try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> r =
          c.chat().completions().withRawResponse().createStreaming(question().build())) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().values("x-ratelimit-limit-requests")).containsExactly("10");
        assertThat(r.headers().values("x-ratelimit-remaining-requests")).containsExactly("8");
        assertThat(r.headers().values("x-ratelimit-reset-requests")).containsExactly("4h48m0s");
        assertThat(r.headers().values("x-aegis-cache")).containsExactly("miss");
        assertThat(r.headers().values("x-aegis-provider")).containsExactly("mock");
        assertThat(r.headers().values("x-aegis-attempts")).containsExactly("1");
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> chunks = r.parse()) {
          chunks.stream().flatMap(ch -> ch.choices().stream()).forEach(ch -> ch.delta().content().ifPresent(text::append));
        }
        assertThat(text.toString()).isEqualTo(DemoGateway.REPLY);
      }
    }
  }

  @Test
  void theAdminApiIssuesRotatesAndRevokesKeysTheSdkThenUses() throws Exception {
    String admin = DemoGateway.issueAdminKey(gateway).secret();
    JsonNode issued = adminCall("POST", "/admin/keys", admin, "{\"tenant\":\"sdk-tenant\",\"name\":\"sdk\","
        + "\"models\":[\"demo\"],\"limits\":[{\"scope\":\"key\",\"kind\":\"requests\",\"amount\":5,"
        + "\"per_seconds\":86400}]}", 201);
    String id = issued.get("id").asText();
    String secret = issued.get("secret").asText();
    assertThat(secret).startsWith("aegis_" + id + "_");
    assertThat(issued.get("tenant").asText()).isEqualTo("sdk-tenant");
    assertThat(issued.get("scopes").toString()).isEqualTo("[\"inference\"]");
    assertThat(issued.get("limits").toString()).isEqualTo("[{\"name\":\"key.requests\",\"scope\":\"key\","
        + "\"kind\":\"requests\",\"amount\":5,\"per_seconds\":86400}]");

    CompletionUsage used;
    OpenAIClient c = client(secret);
    {
      try (HttpResponseFor<ChatCompletion> r = c.chat().completions().withRawResponse().create(question().build())) {
        assertThat(r.headers().values("x-ratelimit-remaining-requests")).containsExactly("4");
        used = r.parse().usage().orElseThrow();
      }
      assertThat(c.models().list().data().stream().map(Model::id).collect(Collectors.toList())).containsExactly("demo");
      assertError(() -> c.chat().completions().create(question().model("slow").build()), PermissionDeniedException.class,
          403, "permission_denied", "virtual key '" + id + "' may not use model 'slow'");
    }

    JsonNode listed = adminCall("GET", "/admin/keys?tenant=sdk-tenant", admin, null, 200);
    assertThat(listed.get("data").size()).isEqualTo(1);
    assertThat(listed.get("data").get(0).get("id").asText()).isEqualTo(id);
    assertThat(listed.toString()).doesNotContain(secret);

    Instant now = Instant.now();
    String usagePath = "/admin/usage?granularity=minute&tenant=sdk-tenant&from=" + now.minus(Duration.ofHours(1))
        + "&to=" + now.plus(Duration.ofHours(1));
    JsonNode usage = adminCall("GET", usagePath, admin, null, 200);
    for (int i = 0; i < 200 && requests(usage) < 2; i++) {
      // usage is recorded as the request completes, which may be just after its answer was written
      Thread.onSpinWait();
      usage = adminCall("GET", usagePath, admin, null, 200);
    }
    // two buckets: the answered request on the mock, and the refused one, which reached no provider
    assertThat(usage.get("data").size()).isEqualTo(2);
    JsonNode bucket = usage.get("data").get(0).get("provider").asText().equals("mock") ? usage.get("data").get(0)
        : usage.get("data").get(1);
    JsonNode refusedBucket = bucket == usage.get("data").get(0) ? usage.get("data").get(1) : usage.get("data").get(0);
    assertThat(refusedBucket.get("requests").asLong()).isEqualTo(1);
    assertThat(refusedBucket.get("failures").asLong()).isEqualTo(1);
    assertThat(refusedBucket.get("key_id").asText()).isEqualTo(id);
    assertThat(bucket.get("tenant").asText()).isEqualTo("sdk-tenant");
    assertThat(bucket.get("key_id").asText()).isEqualTo(id);
    assertThat(bucket.get("provider").asText()).isEqualTo("mock");
    assertThat(bucket.get("requests").asLong()).isEqualTo(1);
    assertThat(bucket.get("failures").asLong()).isEqualTo(0);
    assertThat(bucket.get("input_tokens").asLong()).isEqualTo(used.promptTokens());
    assertThat(bucket.get("output_tokens").asLong()).isEqualTo(used.completionTokens());
    assertThat(adminCall("GET", "/admin/budgets?tenant=sdk-tenant", admin, null, 200).toString())
        .isEqualTo("{\"object\":\"list\",\"data\":[]}");
    JsonNode health = adminCall("GET", "/admin/health", admin, null, 200);
    assertThat(health.get("status").asText()).isEqualTo("ready");
    assertThat(health.get("draining").asBoolean()).isFalse();

    JsonNode rotated = adminCall("POST", "/admin/keys/" + id + "/rotate", admin, "{\"grace_seconds\":0}", 200);
    String next = rotated.get("secret").asText();
    assertThat(next).isNotEqualTo(secret).startsWith("aegis_" + id + "_");
    OpenAIClient old = client(secret);
    OpenAIClient fresh = client(next);
    {
      assertError(() -> old.chat().completions().create(question().build()), UnauthorizedException.class, 401,
          "authentication", "virtual key '" + id + "' was rotated and its old secret's grace period is over");
      assertThat(fresh.chat().completions().create(question().build()).choices().get(0).message().content())
          .contains(DemoGateway.REPLY);
      JsonNode revoked = adminCall("DELETE", "/admin/keys/" + id, admin, null, 200);
      assertThat(revoked.get("revoked_at").isTextual()).isTrue();
      assertError(() -> fresh.chat().completions().create(question().build()), UnauthorizedException.class, 401,
          "authentication", "virtual key '" + id + "' was revoked");
    }
    JsonNode refused = adminCall("GET", "/admin/keys", demoKey, null, 403);
    assertThat(refused.toString()).contains("has no admin scope");
  }

  private static long requests(JsonNode usage) {
    long n = 0;
    for (JsonNode b : usage.get("data")) n += b.get("requests").asLong();
    return n;
  }

  private JsonNode adminCall(String method, String path, String key, @Nullable String body, int status)
      throws java.io.IOException {
    okhttp3.RequestBody payload = body == null ? null
        : okhttp3.RequestBody.create(body, okhttp3.MediaType.get("application/json"));
    try (okhttp3.Response r = adminHttp.newCall(new okhttp3.Request.Builder()
        .url("http://localhost:" + server.port() + path).header("Authorization", "Bearer " + key)
        .method(method, payload).build()).execute()) {
      String text = r.body().string();
      assertThat(r.code()).as(text).isEqualTo(status);
      assertThat(r.header("content-type")).isEqualTo("application/json");
      return JSON.readTree(text);
    }
  }

  private static void assertError(Runnable call, Class<? extends OpenAIServiceException> type, int status, String code,
      String message) {
    assertThatThrownBy(call::run).isInstanceOf(type).satisfies(e -> {
      OpenAIServiceException s = (OpenAIServiceException) e;
      assertThat(s.statusCode()).isEqualTo(status);
      assertThat(s.code()).contains(code);
      assertThat(s.getMessage()).contains(message);
    });
  }
}
