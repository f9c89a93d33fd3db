package dev.aegis.providers.openai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Attempt;
import dev.aegis.api.CacheControl;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.BudgetExceededException;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GatewayTimeoutException;
import dev.aegis.api.error.ModelNotFoundException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.PermissionDeniedException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.model.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The framework-neutral endpoint against a fake gateway: wire JSON, request controls, errors, streams. */
class OpenAiEndpointTest {
  private static final long CREATED = 1_700_000_000L;
  private final FakeGateway gateway = new FakeGateway();
  private final ManualScheduler timers = new ManualScheduler();
  private final OpenAiEndpoint endpoint = OpenAiEndpoint.builder(gateway)
      .clock(Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC))
      .requestIds(() -> "gen-1")
      .scheduler(timers)
      .blockingExecutor(Runnable::run)
      .keepAliveAfter(Duration.ofSeconds(15))
      .maxBodyBytes(1000)
      .build();

  private static final String SIMPLE = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private RecordingResponse post(String path, String body, Map<String, String> headers) {
    RecordingResponse response = new RecordingResponse();
    endpoint.handle(ServerRequest.of("POST", path, headers, body.getBytes(StandardCharsets.UTF_8)), response);
    return response;
  }

  private RecordingResponse get(String path, Map<String, String> headers) {
    RecordingResponse response = new RecordingResponse();
    endpoint.handle(ServerRequest.of("GET", path, headers, new byte[0]), response);
    return response;
  }

  private static ChatResponse answer(String text) {
    return ChatResponse.builder().id("chatcmpl-9").model("mock-1").created(CREATED)
        .addChoice(Choice.of(0, Message.assistant(text), FinishReason.STOP))
        .usage(Usage.builder().inputTokens(12).outputTokens(5).cacheReadTokens(4).reasoningTokens(2).build())
        .metadata(ResponseMetadata.builder().target("t1").provider("mock")
            .attempts(List.of(Attempt.success("t1", "mock", Duration.ofMillis(3)))).build())
        .build();
  }

  @Test
  void chatAnswersWithTheOpenAiWireShapeAndHeaders() {
    gateway.chat = r -> CompletableFuture.completedFuture(answer("Hello!"));
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of("x-request-id", "abc-123"));

    assertThat(res.status).isEqualTo(200);
    assertThat(res.headers).containsExactlyEntriesOf(linked("content-type", "application/json",
        "x-request-id", "abc-123", "x-aegis-provider", "mock", "x-aegis-attempts", "1", "x-aegis-cache", "miss"));
    assertThat(res.body()).isEqualTo("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"mock-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\","
        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
        + "\"completion_tokens\":5,\"total_tokens\":17,\"prompt_tokens_details\":{\"cached_tokens\":4},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");
  }

  @Test
  void everyRequestFieldIsDecodedAndUnknownFieldsPassThrough() {
    gateway.chat = r -> CompletableFuture.completedFuture(answer("ok"));
    String body = "{\"model\":\"smart\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/cat.png\",\"detail\":\"low\"}}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"think\","
        + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"look\",\"arguments\":\"{\\\"q\\\":1}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"a cat\"}],"
        + "\"temperature\":0.5,\"top_p\":0.9,\"max_completion_tokens\":64,\"stop\":\"END\",\"n\":2,\"seed\":7,"
        + "\"presence_penalty\":0.1,\"frequency_penalty\":0.2,\"logprobs\":true,\"top_logprobs\":3,\"user\":\"u1\","
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"look\",\"description\":\"Looks\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}},\"strict\":true}}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"look\"}},\"parallel_tool_calls\":false,"
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"r\",\"schema\":{\"type\":\"object\"},\"strict\":true}},"
        + "\"reasoning_effort\":\"high\",\"service_tier\":\"flex\",\"metadata\":{\"a\":\"b\"}}";
    RecordingResponse res = post("/v1/chat/completions", body, Map.of());

    assertThat(res.status).isEqualTo(200);
    ChatRequest expected = ChatRequest.builder().model("smart")
        .addMessage(Message.system("Be brief."))
        .addMessage(Message.builder(Role.USER).addText("What is this?")
            .addPart(new dev.aegis.api.chat.ContentPart.Image("https://x/cat.png", "low")).build())
        .addMessage(Message.builder(Role.ASSISTANT).addToolCall(ToolCall.of("call_1", "look", "{\"q\":1}"))
            .addReasoning(Reasoning.of("think")).build())
        .addMessage(Message.tool("call_1", "a cat"))
        .temperature(0.5).topP(0.9).maxTokens(64).stop(List.of("END")).n(2).seed(7L)
        .presencePenalty(0.1).frequencyPenalty(0.2).logprobs(true).topLogprobs(3).user("u1")
        .addTool(Tool.builder("look").description("Looks").parameters("{\"type\":\"object\",\"properties\":{}}")
            .strict(true).build())
        .toolChoice(ToolChoice.function("look")).parallelToolCalls(false)
        .responseFormat(ResponseFormat.jsonSchema("r", "{\"type\":\"object\"}", true))
        .reasoningEffort("high")
        .extra("service_tier", "flex").extra("metadata", Map.of("a", "b"))
        .build();
    assertThat(gateway.requests).containsExactly(expected);
  }

  @Test
  void requestControlsBecomeOptions() {
    gateway.chat = r -> CompletableFuture.completedFuture(answer("ok"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer sk-virtual-1");
    headers.put("x-aegis-timeout-ms", "2500");
    headers.put("Cache-Control", "no-cache, no-store");
    headers.put("x-aegis-metadata-feature", "summarize");
    headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    post("/v1/chat/completions", SIMPLE, headers);

    assertThat(gateway.options).containsExactly(RequestOptions.builder().credential("sk-virtual-1")
        .requestId("gen-1").timeout(Duration.ofMillis(2500)).cacheControl(CacheControl.BYPASS)
        .metadata("feature", "summarize")
        .metadata("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").build());
  }

  @Test
  void apiKeyHeaderAndAegisCacheHeaderAreHonoured() {
    gateway.chat = r -> CompletableFuture.completedFuture(answer("ok"));
    post("/v1/chat/completions", SIMPLE, Map.of("X-API-Key", "k2", "Cache-Control", "no-cache", "x-aegis-cache", "no-store"));
    assertThat(gateway.options).containsExactly(RequestOptions.builder().credential("k2").requestId("gen-1")
        .cacheControl(CacheControl.NO_STORE).build());
  }

  @Test
  void invalidJsonIsAFourHundredWithItsPosition() {
    RecordingResponse res = post("/v1/chat/completions", "{\"model\":\"smart\",\n \"messages\": [}", Map.of());
    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"invalid JSON at line 2, column 15 in the request body\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_request\"}}");
    assertThat(gateway.requests).isEmpty();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "'model' is required", "model"),
        Arguments.of("{\"model\":\"smart\"}", "'messages' is required", "messages"),
        Arguments.of("{\"model\":\"smart\",\"messages\":[]}", "'messages' must not be empty", "messages"),
        Arguments.of("{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":\"hot\"}",
            "'temperature' must be a number but was a string", "temperature"),
        Arguments.of("{\"model\":\"smart\",\"messages\":[{\"role\":\"wizard\",\"content\":\"Hi\"}]}",
            "'messages[0].role' must be one of system, developer, user, assistant, tool but was 'wizard'",
            "messages[0].role"),
        Arguments.of("{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
            "'model' must be a string but was an integer", "model"),
        Arguments.of("[1,2]", "the request body must be a JSON object", null));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void malformedRequestsAreNamedInTheGatewaysWords(String body, String message, String param) {
    RecordingResponse res = post("/v1/chat/completions", body, Map.of());
    assertThat(res.status).isEqualTo(400);
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
        + "\"param\":" + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":\"invalid_request\"}}");
  }

  static Stream<Arguments> failures() {
    ProviderException upstreamAuth = ProviderException.of(new ProviderError("openai", 401, "invalid_request_error",
        "invalid_api_key", null, "Incorrect API key provided", null, "req-up"));
    ProviderException overloaded = ProviderException.of(new ProviderError("anthropic", 529, "overloaded_error", null,
        null, "Overloaded", Duration.ofSeconds(7), null));
    return Stream.of(
        Arguments.of(new AuthenticationException("the key is unknown"), 401, "authentication_error", "authentication", null),
        Arguments.of(new BudgetExceededException("team", "the monthly budget of team is spent"), 402, "budget_exceeded",
            "budget_exceeded", null),
        Arguments.of(new PermissionDeniedException("model 'smart' is not allowed for this key"), 403, "permission_error",
            "permission_denied", null),
        Arguments.of(new ModelNotFoundException("nope", List.of("smart")), 404, "not_found_error", "model_not_found", null),
        Arguments.of(new RateLimitedException("rpm", "30 requests per minute", Duration.ofMillis(2300)), 429,
            "rate_limit_error", "rate_limited", "3"),
        Arguments.of(upstreamAuth, 502, "upstream_authentication_error", "upstream_authentication", null),
        Arguments.of(overloaded, 502, "upstream_error", "upstream_error", null),
        Arguments.of(new NoRouteException("smart", List.of(new NoRouteException.Rejection("t1", "circuit open"))), 503,
            "no_route", "no_route", "1"),
        Arguments.of(new GatewayTimeoutException("the deadline of 30s passed"), 504, "timeout", "timeout", null),
        // the fault table's outcomes as they reach the endpoint from an upstream behind it
        Arguments.of(ProviderException.of(new ProviderError("openai", 0, null, "connection_error", null,
            "could not connect", null, null), new java.net.ConnectException("refused")), 502, "upstream_error",
            "upstream_error", null),
        Arguments.of(ProviderException.of(new ProviderError("openai", 0, null, "timeout", null,
            "timed out before the status arrived", null, null)), 502, "upstream_error", "upstream_error", null),
        Arguments.of(ProviderException.of(new ProviderError("openai", 200, null, "response_truncated", null,
            "the connection was reset before the body ended: body cut after 512 bytes", null, null,
            dev.aegis.api.error.ProviderErrorCode.RESPONSE_TRUNCATED)), 502, "upstream_error", "upstream_error", null),
        Arguments.of(new GatewayTimeoutException("the request's deadline of 200 ms passed"), 504, "timeout", "timeout",
            null));
  }

  /** A stream cut upstream after its first chunk (the fault table's truncation) ends in an error event. */
  @Test
  void anUpstreamStreamCutAfterTheFirstChunkIsAnErrorEvent() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(start());
    stream.emit(chunk().text("Hel").build());
    ProviderException cut = ProviderException.of(new ProviderError("openai", 200, null, "response_truncated", null,
        "the body ended inside a stream event: body cut after 300 bytes", null, null,
        dev.aegis.api.error.ProviderErrorCode.RESPONSE_TRUNCATED));
    stream.fail(new StreamException("openai", cut.getMessage(), true, cut));

    assertThat(res.status).isEqualTo(200);
    assertThat(res.body()).endsWith("\n\nevent: error\ndata: {\"error\":{\"message\":\"provider 'openai' answered 200 "
        + "(response_truncated): the body ended inside a stream event: body cut after 300 bytes\",\"type\":\"stream_error\","
        + "\"param\":null,\"code\":\"stream_failed\"}}\n\n");
    assertThat(res.body()).doesNotContain("[DONE]");
    assertThat(res.calls).endsWith("write", "end");
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failuresMapThroughTheKindTable(GatewayException e, int status, String type, String code, String retryAfter) {
    gateway.chat = r -> CompletableFuture.failedFuture(e);
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    assertThat(res.status).isEqualTo(status);
    assertThat(res.headers.get("retry-after")).isEqualTo(retryAfter);
    assertThat(res.body()).isEqualTo(new String(
        dev.aegis.providers.openai.internal.ChatCompletionsResponseEncoder.error(e.getMessage(), type,
            e instanceof dev.aegis.api.error.InvalidRequestException ? ((dev.aegis.api.error.InvalidRequestException) e).param() : null,
            code), StandardCharsets.UTF_8));
    assertThat(res.body()).contains("\"type\":\"" + type + "\"", "\"code\":\"" + code + "\"");
  }

  @Test
  void upstreamErrorsNameTheProvider() {
    gateway.chat = r -> CompletableFuture.failedFuture(ProviderException.of(new ProviderError("openai", 401,
        "invalid_request_error", "invalid_api_key", null, "Incorrect API key provided", null, "req-up")));
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    assertThat(res.status).isEqualTo(502);
    assertThat(res.body()).contains("provider 'openai'").contains("Incorrect API key provided");
  }

  @Test
  void aBugIsAFiveHundredWithoutItsMessage() {
    gateway.chat = r -> CompletableFuture.failedFuture(new IllegalStateException("secret internals"));
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    assertThat(res.status).isEqualTo(500);
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"the gateway failed while serving the request\","
        + "\"type\":\"internal_error\",\"param\":null,\"code\":\"internal\"}}");
  }

  @Test
  void aBodyOverTheLimitIsRejectedWithFourThirteen() {
    RecordingResponse res = new RecordingResponse();
    endpoint.rejectTooLarge(ServerRequest.of("POST", "/v1/chat/completions", Map.of(), new byte[0]), res);
    assertThat(res.status).isEqualTo(413);
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"the request body is larger than the limit of 1000 bytes\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}");
  }

  @Test
  void unknownPathsAndMethodsAreRefused() {
    RecordingResponse missing = get("/v1/nope", Map.of());
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":{\"message\":\"no such endpoint: GET /v1/nope\","
        + "\"type\":\"not_found_error\",\"param\":null,\"code\":\"unknown_url\"}}");
    RecordingResponse wrong = get("/v1/chat/completions", Map.of());
    assertThat(wrong.status).isEqualTo(405);
    assertThat(wrong.headers.get("allow")).isEqualTo("POST");
  }

  @Test
  void healthIsLive() {
    RecordingResponse res = get("/health", Map.of());
    assertThat(res.status).isEqualTo(200);
    assertThat(res.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void readinessFollowsTheGatewaysHealth() {
    RecordingResponse ready = get("/ready", Map.of());
    assertThat(ready.status).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"draining\":false,\"unroutable_aliases\":[],"
        + "\"unreachable_stores\":[]}");

    gateway.health = () -> dev.aegis.api.health.HealthReport.of(Instant.ofEpochSecond(CREATED), false, List.of(),
        List.of(new dev.aegis.api.health.AliasHealth("smart", false, List.of()),
            new dev.aegis.api.health.AliasHealth("fast", true, List.of("t1"))),
        List.of(new dev.aegis.api.health.StoreHealth("redis", false, "connection refused")),
        new dev.aegis.api.health.HookQueueHealth(0, 0, 0));
    RecordingResponse notReady = get("/ready", Map.of());
    assertThat(notReady.status).isEqualTo(503);
    assertThat(notReady.headers).containsEntry("retry-after", "1");
    assertThat(notReady.body()).isEqualTo("{\"status\":\"not_ready\",\"draining\":false,"
        + "\"unroutable_aliases\":[\"smart\"],\"unreachable_stores\":[\"redis\"]}");
  }

  // ------------------------------------------------------------------ streams

  private static final String STREAM = "{\"model\":\"smart\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static ChatChunk.Builder chunk() {
    return ChatChunk.builder("chatcmpl-s", "mock-1");
  }

  @Test
  void aWholeAnswerCarriesTheRemainingLimitsAndTheCacheStatus() {
    ChatResponse hit = answer("Hello!").toBuilder().metadata(answer("Hello!").metadata().toBuilder()
        .cache(CacheResult.hit(Duration.ofSeconds(7)))
        .attribute(LimitStatus.ATTRIBUTE, new LimitStatus(60, 59, Duration.ofSeconds(20), 1000, 750,
            Duration.ofMillis(250)))
        .build()).build();
    gateway.chat = r -> CompletableFuture.completedFuture(hit);
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());

    assertThat(res.status).isEqualTo(200);
    assertThat(res.headers).containsExactlyEntriesOf(linked("content-type", "application/json",
        "x-request-id", "gen-1", "x-aegis-provider", "mock", "x-aegis-attempts", "1", "x-aegis-cache", "hit",
        "x-ratelimit-limit-requests", "60", "x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests", "20s",
        "x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "750", "x-ratelimit-reset-tokens", "250ms"));
  }

  @Test
  void aStreamCarriesTheRemainingLimitsAndTheCacheStatusFromItsStart() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    // only a token limit applied; a request limit that did not is left out, as OpenAI does
    stream.started.complete(new StreamStart("t1", "mock", List.of(Attempt.success("t1", "mock", Duration.ofMillis(1))),
        Map.of(LimitStatus.ATTRIBUTE, new LimitStatus(-1, -1, Duration.ZERO, 40000, 0, Duration.ofSeconds(5405))),
        CacheResult.BYPASS));

    assertThat(res.headers).containsExactlyEntriesOf(linked("x-request-id", "gen-1", "x-aegis-provider", "mock",
        "x-aegis-attempts", "1", "x-aegis-cache", "bypass", "x-ratelimit-limit-tokens", "40000",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "1h30m5s",
        "content-type", "text/event-stream; charset=utf-8", "cache-control", "no-cache", "x-accel-buffering", "no"));
  }

  @Test
  void aStreamCountsTheAttemptStillServingIt() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(new StreamStart("t2", "backup", List.of(new Attempt("t1", "mock", Attempt.Outcome.FAILURE,
        Duration.ofMillis(4), dev.aegis.api.error.ErrorKind.UPSTREAM_ERROR, 503, "provider 'mock' answered 503"))));

    assertThat(res.headers).containsEntry("x-aegis-provider", "backup").containsEntry("x-aegis-attempts", "2");
  }

  @Test
  void aCachedReplayStreamSaysHitAndNamesNoProvider() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(new StreamStart(null, null, List.of(),
        Map.of(LimitStatus.ATTRIBUTE, new LimitStatus(3, 2, Duration.ofSeconds(90), -1, -1, Duration.ZERO)),
        CacheResult.hit(Duration.ofSeconds(7))));

    assertThat(res.headers).containsExactlyEntriesOf(linked("x-request-id", "gen-1", "x-aegis-attempts", "0",
        "x-aegis-cache", "hit", "x-ratelimit-limit-requests", "3", "x-ratelimit-remaining-requests", "2",
        "x-ratelimit-reset-requests", "1m30s", "content-type", "text/event-stream; charset=utf-8",
        "cache-control", "no-cache", "x-accel-buffering", "no"));
  }

  private static StreamStart start() {
    return new StreamStart("t1", "mock", List.of(Attempt.success("t1", "mock", Duration.ofMillis(1))));
  }

  @Test
  void aStreamWaitsForItsCommitPointThenSendsChunksUsageAndDone() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    assertThat(res.calls).isEmpty();
    assertThat(stream.requested.get()).isEqualTo(1);

    stream.started.complete(start());
    assertThat(res.calls).containsExactly("open");
    assertThat(res.status).isEqualTo(200);
    assertThat(res.headers).containsExactlyEntriesOf(linked("x-request-id", "gen-1", "x-aegis-provider", "mock",
        "x-aegis-attempts", "1", "x-aegis-cache", "miss", "content-type", "text/event-stream; charset=utf-8",
        "cache-control", "no-cache", "x-accel-buffering", "no"));
    stream.emit(chunk().role(Role.ASSISTANT).text("Hel").build());
    assertThat(stream.requested.get()).isEqualTo(2);
    stream.emit(chunk().text("lo").build());
    stream.emit(chunk().finishReason(FinishReason.STOP).usage(Usage.of(3, 2)).build());
    stream.complete();

    assertThat(res.body()).isEqualTo(
        "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"logprobs\":null,"
            + "\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
            + "data: [DONE]\n\n");
    // three chunks, then the usage event and [DONE] in one write
    assertThat(res.calls).containsExactly("open", "write", "write", "write", "write", "end");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void withoutIncludeUsageNoUsageChunkIsSent() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions",
        "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", Map.of());
    stream.started.complete(start());
    stream.emit(chunk().text("x").finishReason(FinishReason.STOP).usage(Usage.of(3, 1)).build());
    stream.complete();
    assertThat(res.body()).doesNotContain("usage").endsWith("\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
  }

  @Test
  void aFailureBeforeTheFirstChunkIsARealHttpStatus() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.fail(new RateLimitedException("rpm", "30 requests per minute", Duration.ofSeconds(4)));

    assertThat(res.calls).containsExactly("send");
    assertThat(res.status).isEqualTo(429);
    assertThat(res.headers).containsEntry("retry-after", "4").containsEntry("content-type", "application/json");
    assertThat(res.body()).isEqualTo("{\"error\":{\"message\":\"30 requests per minute\",\"type\":\"rate_limit_error\","
        + "\"param\":null,\"code\":\"rate_limited\"}}");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void aFailureAfterTheFirstChunkIsAnErrorEventAndNeverDone() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(start());
    stream.emit(chunk().text("Hel").build());
    stream.fail(new StreamException("mock", "the provider 'mock' stream broke after 1 chunk", false, null));

    assertThat(res.status).isEqualTo(200);
    assertThat(res.body()).endsWith("\n\nevent: error\ndata: {\"error\":{\"message\":\"the provider 'mock' stream broke "
        + "after 1 chunk\",\"type\":\"stream_error\",\"param\":null,\"code\":\"stream_failed\"}}\n\n");
    assertThat(res.body()).doesNotContain("[DONE]");
    assertThat(res.calls).endsWith("write", "end");
  }

  @Test
  void aSlowFirstTokenGetsKeepAliveCommentsAfterTheDelay() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    timers.advance(Duration.ofSeconds(14));
    assertThat(res.calls).isEmpty();
    timers.advance(Duration.ofSeconds(1));
    assertThat(res.calls).containsExactly("open", "write");
    assertThat(res.status).isEqualTo(200);
    assertThat(res.headers).containsEntry("content-type", "text/event-stream; charset=utf-8")
        .doesNotContainKey("x-aegis-provider");
    timers.advance(Duration.ofSeconds(15));
    assertThat(res.body()).isEqualTo(": keep-alive\n\n: keep-alive\n\n");

    stream.started.complete(start());
    stream.emit(chunk().text("Hi").build());
    timers.advance(Duration.ofSeconds(60));
    stream.fail(new GatewayTimeoutException("the deadline of 30s passed"));
    assertThat(res.body()).startsWith(": keep-alive\n\n: keep-alive\n\ndata: {").doesNotContain("[DONE]")
        .endsWith("event: error\ndata: {\"error\":{\"message\":\"the deadline of 30s passed\",\"type\":\"timeout\","
            + "\"param\":null,\"code\":\"timeout\"}}\n\n");
    assertThat(res.calls).containsExactly("open", "write", "write", "write", "write", "end");
  }

  @Test
  void aFailureDuringKeepAliveIsAnErrorEvent() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    timers.advance(Duration.ofSeconds(15));
    stream.fail(new NoRouteException("smart", List.of()));
    assertThat(res.status).isEqualTo(200);
    assertThat(res.body()).startsWith(": keep-alive\n\nevent: error\ndata: {\"error\":{").contains("\"type\":\"no_route\"")
        .doesNotContain("[DONE]");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void theNextChunkIsRequestedOnlyAfterTheWriteCompleted() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    res.holdWrites = true;
    stream.started.complete(start());
    stream.emit(chunk().text("a").build());
    assertThat(stream.requested.get()).isEqualTo(1);
    res.pendingWrites.get(0).complete(null);
    assertThat(stream.requested.get()).isEqualTo(2);
  }

  @Test
  void aClientThatGoesAwayClosesTheStream() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(start());
    stream.emit(chunk().text("a").build());
    res.onClose.run();
    assertThat(stream.closed).isTrue();
    stream.emit(chunk().text("b").build());
    assertThat(res.calls).containsExactly("open", "write");
    assertThat(stream.iterated).isFalse();
  }

  @Test
  void aClientThatGoesAwayCancelsAWholeAnswer() {
    CompletableFuture<ChatResponse> pending = new CompletableFuture<>();
    gateway.chat = r -> pending;
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    res.onClose.run();
    assertThat(pending).isCancelled();
    assertThat(res.calls).isEmpty();
  }

  @Test
  void toolCallsAndReasoningStreamAsDeltas() {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse res = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(start());
    stream.emit(chunk().reasoning("hmm").reasoningSignature("sig-1").build());
    stream.emit(chunk().addToolCall(new ToolCallDelta(0, "call_1", "look", "{\"q\"")).build());
    stream.emit(chunk().addToolCall(new ToolCallDelta(0, null, null, ":1}")).finishReason(FinishReason.TOOL_CALLS).build());
    stream.complete();
    assertThat(res.body()).contains("\"delta\":{\"reasoning_content\":\"hmm\",\"thinking_blocks\":[{\"type\":\"thinking\","
            + "\"thinking\":\"hmm\",\"signature\":\"sig-1\"}]}")
        .contains("\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
            + "{\"name\":\"look\",\"arguments\":\"{\\\"q\\\"\"}}]}")
        .contains("\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]},\"logprobs\":null,"
            + "\"finish_reason\":\"tool_calls\"}");
  }

  // ------------------------------------------------------------------ reasoning both ways

  @Test
  void reasoningWithSignaturesSurvivesBothDirections() {
    ChatResponse withThinking = ChatResponse.builder().id("c1").model("claude").created(CREATED)
        .addChoice(Choice.of(0, Message.builder(Role.ASSISTANT).addText("4")
            .addReasoning(Reasoning.of("2+2", "sig-abc")).addReasoning(new Reasoning("", null, "opaque"))
            .build(), FinishReason.STOP))
        .usage(Usage.of(1, 1)).build();
    gateway.chat = r -> CompletableFuture.completedFuture(withThinking);
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    String message = "{\"role\":\"assistant\",\"content\":\"4\",\"refusal\":null,\"reasoning_content\":\"2+2\","
        + "\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"2+2\",\"signature\":\"sig-abc\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}]}";
    assertThat(res.body()).contains("\"message\":" + message + ",");

    // the client sends the assistant message back on the next turn
    post("/v1/chat/completions", "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"},"
        + message + ",{\"role\":\"user\",\"content\":\"and 3+3?\"}]}", Map.of());
    assertThat(gateway.requests.get(1).messages().get(1)).isEqualTo(Message.builder(Role.ASSISTANT).addText("4")
        .addReasoning(Reasoning.of("2+2", "sig-abc")).addReasoning(new Reasoning("", null, "opaque")).build());
  }

  @Test
  void toolCallSignaturesSurviveBothDirectionsAsGeminiSendsThem() {
    ChatResponse signed = ChatResponse.builder().id("c2").model("gemini").created(CREATED)
        .addChoice(Choice.of(0, Message.builder(Role.ASSISTANT)
            .addToolCall(new ToolCall("call_7", "look", "{}", "sig-tool")).build(), FinishReason.TOOL_CALLS))
        .usage(Usage.of(1, 1)).build();
    gateway.chat = r -> CompletableFuture.completedFuture(signed);
    RecordingResponse res = post("/v1/chat/completions", SIMPLE, Map.of());
    String message = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_7\",\"type\":\"function\","
        + "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"},\"extra_content\":{\"google\":"
        + "{\"thought_signature\":\"sig-tool\"}}}],\"refusal\":null}";
    assertThat(res.body()).contains("\"message\":" + message + ",");

    post("/v1/chat/completions", "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"look\"},"
        + message + ",{\"role\":\"tool\",\"tool_call_id\":\"call_7\",\"content\":\"seen\"}]}", Map.of());
    assertThat(gateway.requests.get(1).messages().get(1).toolCalls())
        .containsExactly(new ToolCall("call_7", "look", "{}", "sig-tool"));

    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    RecordingResponse streamed = post("/v1/chat/completions", STREAM, Map.of());
    stream.started.complete(start());
    stream.emit(chunk().addToolCall(new ToolCallDelta(0, "call_7", "look", "{}", "sig-tool")).build());
    assertThat(streamed.body()).contains("\"tool_calls\":[{\"index\":0,\"id\":\"call_7\",\"type\":\"function\","
        + "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"},\"extra_content\":{\"google\":"
        + "{\"thought_signature\":\"sig-tool\"}}}]");
  }

  // ------------------------------------------------------------------ embeddings and models

  @Test
  void embeddingsAsFloatsAndAsBase64() {
    gateway.embed = r -> EmbeddingResponse.builder().model("embed-1")
        .embeddings(List.of(Embedding.of(0, new float[] {0.5f, -1f}))).usage(Usage.of(3, 0))
        .metadata(ResponseMetadata.builder().provider("mock").build()).build();
    RecordingResponse floats = post("/v1/embeddings", "{\"model\":\"embed\",\"input\":\"hi\",\"dimensions\":2}", Map.of());
    assertThat(floats.status).isEqualTo(200);
    assertThat(floats.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
        + "\"embedding\":[0.5,-1.0]}],\"model\":\"embed-1\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
    assertThat(gateway.embeddingRequests.get(0)).isEqualTo(dev.aegis.api.embedding.EmbeddingRequest.builder()
        .model("embed").addInput("hi").dimensions(2).build());

    RecordingResponse base64 = post("/v1/embeddings", "{\"model\":\"embed\",\"input\":[\"hi\"],\"encoding_format\":\"base64\"}",
        Map.of());
    assertThat(base64.body()).contains("\"embedding\":\"AAAAPwAAgL8=\"");
  }

  @Test
  void modelsListAndOneModel() {
    gateway.models = () -> List.of(ModelInfo.chat("smart", "aegis"), ModelInfo.chat("fast", "aegis"));
    RecordingResponse list = get("/v1/models", Map.of("authorization", "Bearer k"));
    assertThat(list.body()).isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"smart\",\"object\":\"model\",\"created\":0,"
        + "\"owned_by\":\"aegis\"},{\"id\":\"fast\",\"object\":\"model\",\"created\":0,\"owned_by\":\"aegis\"}]}");
    assertThat(gateway.options.get(0).credential()).isEqualTo("k");
    RecordingResponse one = get("/v1/models/fast", Map.of());
    assertThat(one.body()).isEqualTo("{\"id\":\"fast\",\"object\":\"model\",\"created\":0,\"owned_by\":\"aegis\"}");
    RecordingResponse missing = get("/v1/models/slow", Map.of());
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":{\"message\":\"unknown model 'slow'; known models: [smart, fast]\","
        + "\"type\":\"not_found_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}");
  }

  private static Map<String, String> linked(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }
}
