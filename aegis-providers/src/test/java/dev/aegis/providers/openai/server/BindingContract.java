package dev.aegis.providers.openai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.model.ModelInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every server binding must do over a real socket, against a fake gateway: whole and
 * streamed answers with their headers, keep-alive before a slow first token, errors with their
 * status, the body limit, embeddings and models, and a disconnecting client that closes the
 * upstream stream. Each binding's test extends this and starts its server.
 */
public abstract class BindingContract {
  protected static final MediaType JSON = MediaType.get("application/json");
  protected static final String SIMPLE = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  protected static final String STREAM = "{\"model\":\"smart\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  protected final FakeGateway gateway = new FakeGateway();
  protected final ManualScheduler timers = new ManualScheduler();
  protected final ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();
  protected final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
  protected String base;

  /** Starts the server around {@code endpoint}; returns its base URL (no trailing slash). */
  protected abstract String start(OpenAiEndpoint endpoint) throws Exception;

  protected abstract void stop() throws Exception;

  @BeforeEach
  void startServer() throws Exception {
    base = start(OpenAiEndpoint.builder(gateway)
        .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
        .requestIds(() -> "gen-1")
        .scheduler(timers)
        .maxBodyBytes(4096)
        .build());
  }

  @AfterEach
  void stopServer() throws Exception {
    stop();
    elsewhere.shutdownNow();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  protected Response post(String path, String body) throws IOException {
    return client.newCall(new Request.Builder().url(base + path).header("x-request-id", "rq-7")
        .post(RequestBody.create(body, JSON)).build()).execute();
  }

  /** Sends a request on another thread: a stream's status line waits for the gateway. */
  protected CompletableFuture<Response> postAsync(String path, String body) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return post(path, body);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, elsewhere);
  }

  /** Completes a future from another thread, as a gateway executor would. */
  protected <T> CompletableFuture<T> later(T value) {
    CompletableFuture<T> f = new CompletableFuture<>();
    elsewhere.schedule(() -> f.complete(value), 1, TimeUnit.MILLISECONDS);
    return f;
  }

  protected static ChatResponse answer() {
    return ChatResponse.builder().id("chatcmpl-1").model("mock-1").created(1_700_000_000L)
        .addChoice(Choice.of(0, Message.assistant("Hello!"), FinishReason.STOP)).usage(Usage.of(3, 2))
        .metadata(ResponseMetadata.builder().provider("mock")
            .attempts(List.of(Attempt.success("t1", "mock", Duration.ofMillis(1)))).build())
        .build();
  }

  @Test
  void adminApiWithQueryStringsAndEveryMethod() throws IOException {
    FakeVirtualKeys keys = new FakeVirtualKeys();
    keys.add(dev.aegis.api.auth.VirtualKey.builder().id("root").scope(dev.aegis.api.auth.Scope.ADMIN).build(), "adm");
    keys.add(dev.aegis.api.auth.VirtualKey.builder().id("app1").tenant("acme").build(), "app");
    gateway.keys = keys;
    Request.Builder admin = new Request.Builder().header("Authorization", "Bearer adm");
    try (Response r = client.newCall(admin.url(base + "/admin/keys?tenant=acme").get().build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("content-type")).startsWith("application/json");
      assertThat(r.body().string()).startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"app1\",");
    }
    try (Response r = client.newCall(admin.url(base + "/admin/keys").post(RequestBody.create("{\"tenant\":\"acme\"}",
        JSON)).build()).execute()) {
      assertThat(r.code()).isEqualTo(201);
      assertThat(r.body().string()).endsWith(",\"secret\":\"secret-key1-1\"}");
    }
    try (Response r = client.newCall(admin.url(base + "/admin/keys/key1").delete().build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("\"revoked_at\":\"2026-12-01T10:01:00Z\"");
    }
    assertThat(keys.calls).containsExactly("list acme", "issue VirtualKey{id=null, tenant=acme, user=null, models=[], "
        + "scopes=[INFERENCE]}", "revoke key1");
    try (Response r = client.newCall(new Request.Builder().url(base + "/admin/keys").header("X-API-Key", "app").build())
        .execute()) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(r.body().string()).isEqualTo("{\"error\":{\"message\":\"virtual key 'app1' has no admin scope\","
          + "\"type\":\"permission_error\",\"param\":null,\"code\":\"permission_denied\"}}");
    }
  }

  @Test
  void wholeAnswer() throws IOException {
    gateway.chat = r -> later(answer());
    try (Response r = post("/v1/chat/completions", SIMPLE)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("content-type")).startsWith("application/json");
      assertThat(r.header("x-request-id")).isEqualTo("rq-7");
      assertThat(r.header("x-aegis-provider")).isEqualTo("mock");
      assertThat(r.header("x-aegis-attempts")).isEqualTo("1");
      assertThat(r.body().string()).isEqualTo("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
          + "\"model\":\"mock-1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\","
          + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
          + "\"completion_tokens\":2,\"total_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":0},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}");
    }
  }

  @Test
  void errorsKeepTheirStatus() throws IOException {
    gateway.chat = r -> CompletableFuture.failedFuture(new RateLimitedException("rpm", "30 requests per minute",
        Duration.ofSeconds(2)));
    try (Response r = post("/v1/chat/completions", SIMPLE)) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("retry-after")).isEqualTo("2");
      assertThat(r.body().string()).isEqualTo("{\"error\":{\"message\":\"30 requests per minute\","
          + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limited\"}}");
    }
    try (Response r = post("/v1/chat/completions", "{\"model\":")) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("invalid JSON at line 1, column 10");
    }
  }

  /**
   * A 64 KiB header is the server's to refuse, before the endpoint runs: both servers answer 431
   * with their default 8 KiB header limit, so a giant header costs no more than that buffer.
   */
  @Test
  void aGiantHeaderIsRefusedByTheServerWithFourThirtyOne() throws IOException {
    try (Response r = client.newCall(new Request.Builder().url(base + "/v1/chat/completions")
        .header("x-aegis-metadata-junk", "x".repeat(64 << 10))
        .post(RequestBody.create("{}", JSON)).build()).execute()) {
      assertThat(r.code()).isEqualTo(431);
    }
    assertThat(gateway.requests).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsFourThirteen() throws IOException {
    String big = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";
    try (Response r = post("/v1/chat/completions", big)) {
      assertThat(r.code()).isEqualTo(413);
      assertThat(r.body().string()).isEqualTo("{\"error\":{\"message\":\"the request body is larger than the limit of "
          + "4096 bytes\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}");
    }
    assertThat(gateway.requests).isEmpty();
  }

  @Test
  void streamWithKeepAliveThenChunksUsageAndDone() throws Exception {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    CompletableFuture<Response> call = postAsync("/v1/chat/completions", STREAM);
    // the status line waits for the commit point, or for the keep-alive delay
    stream.subscribed().get(5, TimeUnit.SECONDS);
    timers.advance(Duration.ofSeconds(15));
    try (Response r = call.get(10, TimeUnit.SECONDS)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
      BufferedSource body = r.body().source();
      assertThat(body.readUtf8Line()).isEqualTo(": keep-alive");
      assertThat(body.readUtf8Line()).isEmpty();
      stream.started.complete(new StreamStart("t1", "mock", List.of()));
      stream.emit(ChatChunk.builder("c1", "mock-1").text("Hel").build());
      assertThat(body.readUtf8Line()).isEqualTo("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":"
          + "1700000000,\"model\":\"mock-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,"
          + "\"finish_reason\":null}]}");
      stream.requestedAtLeast(2).get(10, TimeUnit.SECONDS);
      stream.emit(ChatChunk.builder("c1", "mock-1").finishReason(FinishReason.STOP).usage(Usage.of(3, 1)).build());
      stream.requestedAtLeast(3).get(10, TimeUnit.SECONDS);
      stream.complete();
      String rest = body.readUtf8();
      assertThat(rest).isEqualTo("\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
          + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"mock-1\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
          + "data: [DONE]\n\n");
    }
    assertThat(stream.iterated).isFalse();
  }

  @Test
  void aStreamThatFailsBeforeItsFirstChunkGetsItsStatus() throws Exception {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    CompletableFuture<Void> failed = stream.subscribed().thenRun(() ->
        stream.fail(new RateLimitedException("tpm", "the token limit is reached", Duration.ofSeconds(9))));
    try (Response r = post("/v1/chat/completions", STREAM)) {
      failed.get(5, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("retry-after")).isEqualTo("9");
      assertThat(r.body().string()).contains("\"message\":\"the token limit is reached\"");
    }
  }

  @Test
  void aClientThatDisconnectsClosesTheUpstreamStream() throws Exception {
    ScriptedStream stream = new ScriptedStream();
    gateway.stream = r -> stream;
    CompletableFuture<Response> call = postAsync("/v1/chat/completions", STREAM);
    stream.subscribed().get(5, TimeUnit.SECONDS);
    stream.started.complete(new StreamStart("t1", "mock", List.of()));
    stream.emit(ChatChunk.builder("c1", "mock-1").text("a").build());
    Response r = call.get(10, TimeUnit.SECONDS);
    assertThat(r.body().source().readUtf8Line()).startsWith("data: {");
    r.close();
    client.connectionPool().evictAll();
    // the server learns of the disconnect when a write fails; keep the stream talking until it does
    String big = "x".repeat(64 * 1024);
    for (int i = 0; i < 1000 && !stream.closed.get(); i++) {
      long before = stream.requested.get();
      stream.emit(ChatChunk.builder("c1", "mock-1").text(big).build());
      stream.requestedAtLeast(before + 1).get(10, TimeUnit.SECONDS);
    }
    assertThat(stream.closing).isCompleted();
  }

  @Test
  void embeddingsAndModels() throws IOException {
    gateway.embed = r -> EmbeddingResponse.builder().model("embed-1").embeddings(List.of(Embedding.of(0, new float[] {1f})))
        .usage(Usage.of(2, 0)).build();
    gateway.models = () -> List.of(ModelInfo.chat("smart", "aegis"));
    try (Response r = post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"hi\"}")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
          + "\"embedding\":[1.0]}],\"model\":\"embed-1\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}");
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/v1/models").build()).execute()) {
      assertThat(r.body().string()).isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"smart\",\"object\":\"model\","
          + "\"created\":0,\"owned_by\":\"aegis\"}]}");
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/health").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"status\":\"ok\"}");
    }
    try (Response r = client.newCall(new Request.Builder().url(base + "/ready").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"status\":\"ready\",\"draining\":false,\"unroutable_aliases\":[],"
          + "\"unreachable_stores\":[]}");
    }
  }
}
