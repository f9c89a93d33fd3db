package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault table at the gateway: the real OpenAI adapter against two MockWebServers, behind a
 * fallback route, so each fault ends as a successful fallback or a typed error carrying the
 * attempt history — retries honouring Retry-After (on a fake sleeper: nothing waits), 5xx mixes,
 * a read timeout, and a slow drip cut by the gateway's deadline. Per-adapter wording is the
 * contract kit's {@code HttpFaultContract}; this checks what the engine makes of it.
 */
class GatewayFaultTest {
  private static final String OK = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"from backup\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
  private static final String ERROR = "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}";

  private final FakeTime time = new FakeTime();
  private MockWebServer primary;
  private MockWebServer backup;
  private Gateway gateway;

  @BeforeEach
  void start() throws Exception {
    primary = new MockWebServer();
    primary.start();
    backup = new MockWebServer();
    backup.start();
  }

  @AfterEach
  void stop() {
    if (gateway != null) gateway.close();
    primary.close();
    backup.close();
  }

  private Gateway gateway(int primaryAttempts, Duration readTimeout, Duration requestTimeout) {
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(primaryAttempts).initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(1)).build();
    gateway = Gateway.builder().sleeper(time).requestTimeout(requestTimeout)
        // only the primary's read timeout is under test: a short one on the backup too made a slow
        // answer on a loaded machine look like a second timeout
        .provider(config("primary", primary, readTimeout))
        .provider(config("backup", backup, readTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5) : readTimeout))
        .route("r", Strategy.fallback(
            Target.builder("primary").provider("primary").model("m").retry(retry)
                .circuitBreaker(CircuitBreakerPolicy.DISABLED).build(),
            Target.builder("backup").provider("backup").model("m").retry(RetryPolicy.NONE).build()))
        .build();
    return gateway;
  }

  private static ProviderConfig config(String name, MockWebServer server, Duration readTimeout) {
    return ProviderConfig.builder(name, "openai").baseUrl(server.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("sk-test")).readTimeout(readTimeout).build();
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("r").addMessage(Message.user("hi")).build();
  }

  private static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("content-type", "application/json")
        .body(ERROR);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body(OK).build();
  }

  private static List<String> summary(List<Attempt> attempts) {
    return attempts.stream().map(a -> a.target() + " " + a.outcome() + " " + a.status()).toList();
  }

  @Test
  void a429StormWithRetryAfterIsWaitedOutThenFallsBack() {
    for (int i = 0; i < 3; i++) primary.enqueue(status(429, "retry-after", "2"));
    backup.enqueue(ok());
    ChatResponse r = gateway(3, Duration.ofSeconds(5), Duration.ofSeconds(30)).route(ask());
    assertThat(r.text()).isEqualTo("from backup");
    assertThat(summary(r.metadata().attempts())).containsExactly(
        "primary FAILURE 429", "primary FAILURE 429", "primary FAILURE 429", "backup SUCCESS 0");
    assertThat(time.sleeps).as("the Retry-After of each 429 was honoured").containsExactly(
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(primary.getRequestCount()).isEqualTo(3);
  }

  @Test
  void a429StormWithoutRetryAfterBacksOffWithinTheCeilingThenFallsBack() {
    for (int i = 0; i < 3; i++) primary.enqueue(status(429));
    backup.enqueue(ok());
    ChatResponse r = gateway(3, Duration.ofSeconds(5), Duration.ofSeconds(30)).route(ask());
    assertThat(r.text()).isEqualTo("from backup");
    assertThat(summary(r.metadata().attempts())).containsExactly(
        "primary FAILURE 429", "primary FAILURE 429", "primary FAILURE 429", "backup SUCCESS 0");
    assertThat(time.sleeps).hasSize(2);
    // full jitter: each wait is drawn below its backoff ceiling (100 ms, then 200 ms)
    assertThat(time.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(time.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void a5xxMixOnEveryTargetIsATypedErrorWithEveryAttempt() {
    primary.enqueue(status(500));
    primary.enqueue(status(502));
    primary.enqueue(status(503));
    backup.enqueue(status(529));
    Gateway g = gateway(3, Duration.ofSeconds(5), Duration.ofSeconds(30));
    assertThatThrownBy(() -> g.route(ask())).isInstanceOfSatisfying(GatewayException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).isEqualTo("provider 'backup' answered 529 server_error: busy");
      assertThat(summary(e.attempts())).containsExactly(
          "primary FAILURE 500", "primary FAILURE 502", "primary FAILURE 503", "backup FAILURE 529");
    });
  }

  @Test
  void a504ThenSuccessIsRetriedOnTheSameTarget() {
    primary.enqueue(status(504));
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(OK.replace("from backup", "from primary")).build());
    ChatResponse r = gateway(3, Duration.ofSeconds(5), Duration.ofSeconds(30)).route(ask());
    assertThat(r.text()).isEqualTo("from primary");
    assertThat(summary(r.metadata().attempts())).containsExactly("primary FAILURE 504", "primary SUCCESS 0");
  }

  @Test
  void aReadTimeoutBeforeHeadersFallsBack() {
    primary.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    backup.enqueue(ok());
    ChatResponse r = gateway(1, Duration.ofMillis(150), Duration.ofSeconds(30)).route(ask());
    assertThat(r.text()).isEqualTo("from backup");
    assertThat(summary(r.metadata().attempts())).containsExactly("primary FAILURE 0", "backup SUCCESS 0");
    assertThat(r.metadata().attempts().get(0).error())
        .isEqualTo("provider 'primary' gave no response (timeout): timed out before the status arrived");
  }

  /** One byte a second never trips a 5 s read timeout; the gateway's 200 ms deadline ends it. */
  @Test
  void aSlowDripStreamIsCutByTheDeadline() throws Exception {
    String sse = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    primary.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(sse)
        .throttleBody(1, 1, TimeUnit.SECONDS).build());
    Gateway g = gateway(1, Duration.ofSeconds(5), Duration.ofMillis(200));
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try (ChatStream s = g.routeStream(ask())) {
        s.collect();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    // a functional bound (nothing hangs), not a timing goal
    Throwable t = outcome.get(20, TimeUnit.SECONDS);
    assertThat(t).isInstanceOfSatisfying(GatewayException.class, e -> {
      assertThat(e).isInstanceOf(dev.aegis.api.error.GatewayTimeoutException.class);
      assertThat(e.getMessage()).isEqualTo("the request's deadline of 200 ms passed");
      assertThat(summary(e.attempts())).containsExactly("primary FAILURE 0");
    });
  }
}
