package dev.aegis.examples.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aegis.api.AiGateway;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.Gateway;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP endpoint in front of a real {@link Gateway} whose upstreams are MockWebServers speaking
 * the OpenAI API and failing: each fault, whole and streamed, through a real client over a socket,
 * ends as the exact status and OpenAI-shaped error (or SSE {@code error} event) in the gateway's
 * words, with the attempt history in {@code x-aegis-attempts} / {@code x-aegis-provider}. Upstream
 * read timeouts are 150 ms; retry waits run on a recording sleeper (nothing waits). Each binding
 * runs the same contract.
 */
abstract class EndpointFaultContract {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String OK = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"from backup\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
  private static final String ERROR = "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}";
  private static final String CHUNK = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
  private static final String END = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Sleeper sleeper = (d, cancelled) -> sleeps.add(d);
  private MockWebServer primary;
  private MockWebServer backup;
  private Gateway gateway;
  private RunningServer server;
  private OkHttpClient http;

  /** Starts the binding's server on a free port. */
  abstract RunningServer start(AiGateway gateway);

  @BeforeEach
  void startUpstreams() throws IOException {
    primary = new MockWebServer();
    primary.start();
    backup = new MockWebServer();
    backup.start();
    // short client timeouts: a hang fails the test within a second instead of stalling the build
    http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3))
        .retryOnConnectionFailure(false).build();
  }

  @AfterEach
  void stopAll() {
    if (server != null) server.close();
    if (gateway != null) gateway.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    primary.close();
    backup.close();
  }

  /** Route {@code r}: primary (with {@code primaryAttempts}) then backup; {@code only}: primary alone. */
  private void serve(String primaryUrl, int primaryAttempts) {
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(primaryAttempts).initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(1)).build();
    gateway = Gateway.builder().sleeper(sleeper).requestTimeout(Duration.ofSeconds(10))
        .provider(config("primary", primaryUrl)).provider(config("backup", backup.url("/v1").toString()))
        .route("r", Strategy.fallback(
            Target.builder("primary").provider("primary").model("m").retry(retry)
                .circuitBreaker(CircuitBreakerPolicy.DISABLED).build(),
            Target.builder("backup").provider("backup").model("m").retry(RetryPolicy.NONE)
                .circuitBreaker(CircuitBreakerPolicy.DISABLED).build()))
        .route("only", Strategy.single(Target.builder("primary").provider("primary").model("m").retry(retry)
            .circuitBreaker(CircuitBreakerPolicy.DISABLED).build()))
        .build();
    server = start(gateway);
  }

  private void serve(int primaryAttempts) {
    serve(primary.url("/v1").toString(), primaryAttempts);
  }

  private static ProviderConfig config(String name, String url) {
    return ProviderConfig.builder(name, "openai").baseUrl(url).credentials(CredentialProvider.apiKey("sk-test"))
        .readTimeout(Duration.ofMillis(150)).build();
  }

  /** What the client saw: status, the headers this table checks, and the body. */
  private record Seen(int status, String attempts, String provider, String retryAfter, String body) {
    @Override
    public String toString() {
      return status + " attempts=" + attempts + " provider=" + provider + " retry-after=" + retryAfter + " " + body;
    }
  }

  private Seen post(String model, boolean stream) throws IOException {
    String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
    Request request = new Request.Builder().url("http://localhost:" + server.port() + "/v1/chat/completions")
        .post(RequestBody.create(body, JSON)).build();
    try (Response r = http.newCall(request).execute()) {
      return new Seen(r.code(), r.header("x-aegis-attempts"), r.header("x-aegis-provider"), r.header("retry-after"),
          r.body().string());
    }
  }

  private static String error(String message, String type, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":\"" + code
        + "\"}}";
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("content-type", "application/json")
        .body(ERROR);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  private static MockResponse rateLimited(String retryAfter) {
    return new MockResponse.Builder().code(429).addHeader("content-type", "application/json")
        .addHeader("retry-after", retryAfter).body("{\"error\":{\"message\":\"Rate limit reached for requests\","
            + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body(OK).build();
  }

  private static MockResponse okStream() {
    return new MockResponse.Builder().addHeader("content-type", "text/event-stream")
        .body(CHUNK.replace("Hi", "from backup") + END).build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void connectionRefusedIsABadGatewayNamingTheProvider() throws IOException {
    serve("http://127.0.0.1:" + closedPort() + "/v1", 1);
    String expected = error("provider 'primary' gave no response (connection_error): could not connect",
        "upstream_error", "upstream_error");
    assertThat(post("only", false)).hasToString("502 attempts=1 provider=primary retry-after=null " + expected);
    assertThat(post("only", true)).hasToString("502 attempts=1 provider=primary retry-after=null " + expected);
  }

  @Test
  void readTimeoutBeforeHeadersIsABadGatewayAfterEveryAttempt() throws IOException {
    serve(2);

    for (int i = 0; i < 4; i++) primary.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    String expected = error("provider 'primary' gave no response (timeout): timed out before the status arrived",
        "upstream_error", "upstream_error");
    assertThat(post("only", false)).hasToString("502 attempts=2 provider=primary retry-after=null " + expected);
    assertThat(post("only", true)).hasToString("502 attempts=2 provider=primary retry-after=null " + expected);
    assertThat(primary.getRequestCount()).as("retried once each").isEqualTo(4);
  }

  @Test
  void readTimeoutBeforeHeadersFallsBack() throws IOException {
    serve(1);
    primary.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    primary.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    backup.enqueue(ok());
    backup.enqueue(okStream());
    Seen whole = post("r", false);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.attempts() + " " + whole.provider()).isEqualTo("2 backup");
    assertThat(whole.body()).contains("\"content\":\"from backup\"");
    Seen streamed = post("r", true);
    assertThat(streamed.status()).isEqualTo(200);
    assertThat(streamed.attempts() + " " + streamed.provider()).isEqualTo("2 backup");
    assertThat(streamed.body()).contains("\"content\":\"from backup\"").endsWith("data: [DONE]\n\n");
  }

  @Test
  void resetMidStreamIsAnErrorEventAfterTheFirstChunk() throws IOException {
    serve(1);
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream")
        .body(CHUNK + CHUNK).onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
    Seen streamed = post("only", true);
    assertThat(streamed.status() + " " + streamed.attempts() + " " + streamed.provider()).isEqualTo("200 1 primary");
    assertThat(events(streamed.body())).containsExactly("data: " + chunkJson(streamed.body()), "event: error\ndata: "
        + error("stream failed after it started: provider 'primary' answered 200 (response_truncated): the connection "
            + "closed before the body ended: body cut after 125 bytes", "stream_error", "stream_failed"));
  }

  @Test
  void resetMidBodyIsABadGateway() throws IOException {
    serve(1);
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(OK)
        .onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
    assertThat(post("only", false)).hasToString("502 attempts=1 provider=primary retry-after=null " + error(
        "provider 'primary' answered 200 (response_truncated): the connection closed before the body ended: body cut "
            + "after 115 bytes", "upstream_error", "upstream_error"));
  }

  @Test
  void aTruncatedSseEventIsABadGatewayBeforeTheFirstChunkAndAnErrorEventAfterIt() throws IOException {
    serve(1);
    String cut = CHUNK.substring(0, CHUNK.length() / 2);
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(cut).build());
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(CHUNK + cut)
        .build());
    assertThat(post("only", true)).hasToString("502 attempts=1 provider=primary retry-after=null " + error(
        "provider 'primary' answered 200 (response_truncated): the body ended inside a stream event: body cut after "
            + cut.length() + " bytes", "upstream_error", "upstream_error"));
    Seen after = post("only", true);
    assertThat(after.status() + " " + after.attempts() + " " + after.provider()).isEqualTo("200 1 primary");
    assertThat(events(after.body())).containsExactly("data: " + chunkJson(after.body()), "event: error\ndata: "
        + error("stream failed after it started: provider 'primary' answered 200 (response_truncated): the body ended "
            + "inside a stream event: body cut after " + (CHUNK.length() + cut.length()) + " bytes", "stream_error",
            "stream_failed"));
  }

  /** The SSE events of a body, without their blank-line terminators; the last must be terminated. */
  private static List<String> events(String body) {
    assertThat(body).endsWith("\n\n");
    return List.of(body.substring(0, body.length() - 2).split("\n\n"));
  }

  /** The first event's JSON, checked to be the upstream's one chunk as the endpoint re-encodes it. */
  private static String chunkJson(String body) {
    String json = body.substring("data: ".length(), body.indexOf("\n\n"));
    assertThat(json.replaceFirst("\"created\":\\d+", "\"created\":0")).isEqualTo("{\"id\":\"c1\",\"object\":"
        + "\"chat.completion.chunk\",\"created\":0,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
        + "{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}]}");
    return json;
  }

  @Test
  void fiveHundredThenFiveOhThreeFallBackToTheSecondUpstream() throws IOException {
    serve(2);
    primary.enqueue(status(500));
    primary.enqueue(status(503));
    primary.enqueue(status(500));
    primary.enqueue(status(503));
    backup.enqueue(ok());
    backup.enqueue(okStream());
    Seen whole = post("r", false);
    assertThat(whole.status() + " " + whole.attempts() + " " + whole.provider()).isEqualTo("200 3 backup");
    assertThat(whole.body()).contains("\"content\":\"from backup\"");
    Seen streamed = post("r", true);
    assertThat(streamed.status() + " " + streamed.attempts() + " " + streamed.provider()).isEqualTo("200 3 backup");
    assertThat(streamed.body()).contains("\"content\":\"from backup\"").endsWith("data: [DONE]\n\n");
    assertThat(primary.getRequestCount()).isEqualTo(4);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void fiveOhThreeOnEveryUpstreamIsABadGatewayWithEveryAttempt() throws IOException {
    serve(2);
    for (int i = 0; i < 2; i++) {
      primary.enqueue(status(500));
      primary.enqueue(status(503));
      backup.enqueue(status(503));
    }
    String expected = "502 attempts=3 provider=backup retry-after=null "
        + error("provider 'backup' answered 503 server_error: busy", "upstream_error", "upstream_error");
    assertThat(post("r", false)).hasToString(expected);
    assertThat(post("r", true)).hasToString(expected);
  }

  @Test
  void a429WithRetryAfterIsWaitedOutThenFallsBack() throws IOException {
    serve(2);
    for (int i = 0; i < 4; i++) primary.enqueue(rateLimited("2"));
    backup.enqueue(ok());
    backup.enqueue(okStream());
    Seen whole = post("r", false);
    assertThat(whole.status() + " " + whole.attempts() + " " + whole.provider()).isEqualTo("200 3 backup");
    Seen streamed = post("r", true);
    assertThat(streamed.status() + " " + streamed.attempts() + " " + streamed.provider()).isEqualTo("200 3 backup");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void a429WithRetryAfterOnTheLastTargetIsATooManyRequestsCarryingIt() throws IOException {
    serve(1);
    for (int i = 0; i < 3; i++) primary.enqueue(rateLimited("7"));
    String expected = "429 attempts=1 provider=primary retry-after=7 " + error("provider 'primary' answered 429 requests "
        + "(rate_limit_exceeded): Rate limit reached for requests", "rate_limit_error", "upstream_rate_limited");
    assertThat(post("only", false)).hasToString(expected);
    assertThat(post("only", true)).hasToString(expected);
    // the official SDK reads the same answer as its RateLimitException, Retry-After included
    OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + server.port() + "/v1")
        .apiKey("sk-any").maxRetries(0).timeout(Duration.ofSeconds(3)).build();
    try {
      assertThatThrownBy(() -> sdk.chat().completions()
          .create(ChatCompletionCreateParams.builder().model("only").addUserMessage("hi").build()))
          .isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.headers().values("retry-after")).containsExactly("7");
            assertThat(e.getMessage()).isEqualTo("429: provider 'primary' answered 429 requests (rate_limit_exceeded): "
                + "Rate limit reached for requests");
          });
    } finally {
      sdk.close();
    }
  }

  @Test
  void malformedJsonIsABadGateway() throws IOException {
    serve(1);
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body("{\"id\":").build());
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream")
        .body("data: {\"id\":\n\n").build());
    assertThat(post("only", false)).hasToString("502 attempts=1 provider=primary retry-after=null " + error(
        "provider 'primary' answered 200 (invalid_response): the body is not valid JSON (content type "
            + "application/json): \\\"{\\\"id\\\":\\\"", "upstream_error", "upstream_error"));
    assertThat(post("only", true)).hasToString("502 attempts=1 provider=primary retry-after=null " + error(
        "provider 'primary' answered 200 (invalid_response): a stream event is not valid JSON (content type "
            + "text/event-stream): \\\"{\\\"id\\\":\\\"", "upstream_error", "upstream_error"));
  }
}
