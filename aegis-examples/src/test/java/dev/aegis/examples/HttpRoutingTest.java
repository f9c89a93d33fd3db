package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.Gateway;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routing over real HTTP: the OpenAI adapter against MockWebServers. Hedging cancels the slow
 * upstream (the slow server sees its client go away), fallback survives a connection reset and a
 * slow upstream, and {@code Retry-After} is honoured in both of its forms. On all three doors.
 */
class HttpRoutingTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final String JSON = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
  private static final String SSE = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"%s\"},"
      + "\"finish_reason\":null}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\","
      + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
      + "data: [DONE]\n\n";

  enum Door { ROUTE, ROUTE_ASYNC, STREAM }

  private final MockWebServer first = new MockWebServer();
  private final MockWebServer second = new MockWebServer();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private Gateway gateway;

  @BeforeEach
  void start() throws IOException {
    first.start();
    second.start();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    first.close();
    second.close();
  }

  private static ProviderConfig openai(String name, MockWebServer server) {
    return ProviderConfig.builder(name, "openai").baseUrl(server.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("sk-test-not-a-real-key")).clock(CLOCK).build();
  }

  private static MockResponse ok(Door door, String text) {
    return door == Door.STREAM
        ? new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(String.format(SSE, text)).build()
        : new MockResponse.Builder().setHeader("Content-Type", "application/json").body(String.format(JSON, text)).build();
  }

  private ChatResponse call(Door door, String model) throws Exception {
    ChatRequest r = ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
    switch (door) {
      case ROUTE:
        return gateway.route(r);
      case ROUTE_ASYNC:
        try {
          return gateway.routeAsync(r, RequestOptions.none()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw (Exception) e.getCause();
        }
      default:
        return gateway.routeStream(r).collect();
    }
  }

  /**
   * A body that never finishes: it writes harmless padding (JSON whitespace, or SSE comments that
   * carry no content) every few milliseconds until the client goes away, which the server notices
   * as a failed write.
   */
  static final class EndlessBody implements MockResponseBody {
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final String padding;

    EndlessBody(Door door) {
      this.padding = door == Door.STREAM ? ": waiting\n\n" : " ";
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try {
        while (System.nanoTime() < end) {
          sink.writeUtf8(padding);
          sink.flush();
          Thread.sleep(10); // server-side pacing of the fake upstream, not a test wait
        }
      } catch (IOException e) {
        clientGone.countDown();
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void hedgingCancelsTheSlowUpstreamAndTheServerSeesTheDisconnect(Door door) throws Exception {
    EndlessBody slow = new EndlessBody(door);
    first.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", door == Door.STREAM ? "text/event-stream" : "application/json").body(slow).build());
    second.enqueue(ok(door, "from fast"));
    gateway = Gateway.builder().provider(openai("slow", first)).provider(openai("fast", second))
        .route("r", Strategy.hedged(Duration.ofMillis(100), Strategy.single(Target.of("slow", "gpt-x")),
            Strategy.single(Target.of("fast", "gpt-x"))))
        .build();
    ChatResponse r = call(door, "r");
    assertThat(r.text()).isEqualTo("from fast");
    assertThat(r.metadata().provider()).isEqualTo("fast");
    assertThat(slow.clientGone.await(10, TimeUnit.SECONDS)).as("the slow server saw its client disconnect").isTrue();
    assertThat(first.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void fallbackSurvivesAConnectionReset(Door door) throws Exception {
    first.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    second.enqueue(ok(door, "from second"));
    gateway = Gateway.builder().provider(openai("a", first)).provider(openai("b", second))
        .route("r", Strategy.fallback(Target.of("a", "gpt-x"), Target.of("b", "gpt-x"))).build();
    ChatResponse r = call(door, "r");
    assertThat(r.text()).isEqualTo("from second");
    assertThat(r.metadata().attempts().get(0).status()).isZero();
  }

  /**
   * A server that answers 200 and shuts the connection without a body did answer: the attempt
   * records status 200 and the transport's {@code invalid_response}, never "gave no response"
   * (it read as a connection failure, status 0, before the one outcome path).
   */
  @ParameterizedTest
  @EnumSource(Door.class)
  void fallbackSurvivesAnEmpty200(Door door) throws Exception {
    first.enqueue(new MockResponse.Builder().onRequestStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    second.enqueue(ok(door, "from second"));
    gateway = Gateway.builder().provider(openai("a", first)).provider(openai("b", second))
        .route("r", Strategy.fallback(Target.of("a", "gpt-x"), Target.of("b", "gpt-x"))).build();
    ChatResponse r = call(door, "r");
    assertThat(r.text()).isEqualTo("from second");
    assertThat(r.metadata().attempts().get(0).status()).isEqualTo(200);
    assertThat(r.metadata().attempts().get(0).error())
        .isEqualTo("provider 'a' answered 200 (invalid_response): the body is empty (content type none)");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void fallbackSurvivesASlowUpstreamThroughTheAttemptTimeout(Door door) throws Exception {
    EndlessBody slow = new EndlessBody(door);
    first.enqueue(new MockResponse.Builder()
        .setHeader("Content-Type", door == Door.STREAM ? "text/event-stream" : "application/json").body(slow).build());
    second.enqueue(ok(door, "from second"));
    Target a = door == Door.STREAM
        ? Target.builder("a").provider("a").model("gpt-x").firstChunkTimeout(Duration.ofMillis(200)).build()
        : Target.builder("a").provider("a").model("gpt-x").attemptTimeout(Duration.ofMillis(200)).build();
    gateway = Gateway.builder().provider(openai("a", first)).provider(openai("b", second))
        .route("r", Strategy.fallback(a, Target.of("b", "gpt-x"))).build();
    assertThat(call(door, "r").text()).isEqualTo("from second");
    assertThat(slow.clientGone.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void retryAfterInSecondsAndAsAnHttpDate(Door door) throws Exception {
    String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
        .format(ZonedDateTime.ofInstant(CLOCK.instant().plusSeconds(3), ZoneOffset.UTC));
    String rateLimited = "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    first.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").body(rateLimited).build());
    first.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", inThreeSeconds).body(rateLimited).build());
    first.enqueue(ok(door, "finally"));
    Sleeper recording = (d, cancelled) -> sleeps.add(d);
    gateway = Gateway.builder().provider(openai("a", first)).sleeper(recording)
        .route("r", Strategy.single(Target.builder("a").provider("a").model("gpt-x")
            .retry(RetryPolicy.builder().maxAttempts(3).build()).build()))
        .build();
    assertThat(call(door, "r").text()).isEqualTo("finally");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(first.getRequestCount()).isEqualTo(3);
  }

  /**
   * Issue 3's named case: Anthropic sends an {@code error} event ({@code overloaded_error}, as
   * recorded) right after {@code message_start}, inside an HTTP 200. Nothing was released yet, so
   * it is before the commit point: the stream falls back to the next target transparently.
   */
  @org.junit.jupiter.api.Test
  void anAnthropicErrorEventBeforeTheFirstContentFallsBack() throws Exception {
    String recordedError;
    try (java.io.InputStream in = getClass().getResourceAsStream("/error-event-overloaded.observed.sse")) {
      recordedError = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String overloaded = "event: message_start\n"
        + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,"
        + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n"
        + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
        + recordedError;
    first.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(overloaded).build());
    second.enqueue(ok(Door.STREAM, "from openai"));
    ProviderConfig anthropic = ProviderConfig.builder("anthropic", "anthropic").baseUrl(first.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("sk-ant-test-not-real")).build();
    gateway = Gateway.builder().provider(anthropic).provider(openai("openai", second))
        .route("r", Strategy.fallback(Target.of("anthropic", "claude-x"), Target.of("openai", "gpt-x"))).build();
    dev.aegis.api.chat.ChatStream stream = gateway.routeStream(
        ChatRequest.builder().model("r").addMessage(Message.user("hi")).build());
    ChatResponse r = stream.collect();
    assertThat(r.text()).isEqualTo("from openai");
    assertThat(stream.started().join().provider()).isEqualTo("openai");
    assertThat(r.metadata().attempts()).hasSize(2);
    assertThat(r.metadata().attempts().get(0).provider()).isEqualTo("anthropic");
    assertThat(r.metadata().attempts().get(0).error()).contains("overloaded");
  }
}
