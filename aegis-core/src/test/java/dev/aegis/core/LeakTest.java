package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Leaks: 10 000 requests, most failing, retried, falling back or cancelled by the caller at a
 * point drawn from a seeded random source, then {@code close()}: the gateway's threads (counted by
 * name) return to the baseline, no call is in flight, every hook event is delivered, and every
 * request's {@link Exchange} can be collected. Over HTTP, no upstream connection is left in use.
 *
 * <p>The seed is printed; {@code -Daegis.faults.seed=N} replays a run.
 */
class LeakTest {
  private static final long SEED = Long.getLong("aegis.faults.seed", System.nanoTime());
  private static final int REQUESTS = 10_000;

  private static long threads(String... prefixes) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> { for (String p : prefixes) if (t.getName().startsWith(p)) return true; return false; })
        .count();
  }

  /** Keeps only weak references to every exchange it sees. */
  private static final class ExchangeWatch implements Plugin {
    final Queue<WeakReference<Exchange>> seen = new ConcurrentLinkedQueue<>();

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      seen.add(new WeakReference<>(exchange));
      return RequestDecision.proceed();
    }

    long alive() {
      return seen.stream().filter(r -> r.get() != null).count();
    }
  }

  @Test
  void tenThousandFailingAndCancelledRequestsLeaveNothingBehind() {
    System.out.println("LeakTest seed " + SEED + " (replay with -Daegis.faults.seed=" + SEED + ")");
    Random random = new Random(SEED);
    long baseline = threads("aegis-");
    MockProvider flaky = MockProvider.builder("flaky").echo().chunks(4)
        .failures(FailurePlan.probability(0.7, 503, SEED)).build();
    MockProvider steady = MockProvider.builder("steady").echo().chunks(4)
        .failures(FailurePlan.probability(0.3, 500, SEED + 1)).build();
    ExchangeWatch watch = new ExchangeWatch();
    AtomicLong hookEvents = new AtomicLong();
    FakeTime time = new FakeTime();
    Gateway gateway = Gateway.builder().sleeper(time).provider(flaky).provider(steady).plugin(watch)
        .hook(e -> hookEvents.incrementAndGet())
        .route("r", Strategy.fallback(
            Target.builder("flaky").provider("flaky").retry(RetryPolicy.builder().maxAttempts(2).build())
                .circuitBreaker(CircuitBreakerPolicy.DISABLED).build(),
            Target.builder("steady").provider("steady").circuitBreaker(CircuitBreakerPolicy.DISABLED).build()))
        .build();
    long ok = 0;
    long failed = 0;
    long cancelled = 0;
    long cancelledBeforeFirst = 0;
    for (int i = 0; i < REQUESTS; i++) {
      ChatRequest ask = ChatRequest.builder().model("r").addMessage(Message.user("m" + i)).build();
      int door = random.nextInt(3);
      try {
        if (door == 0) {
          assertThat(gateway.route(ask).text()).isEqualTo("m" + i);
          ok++;
        } else if (door == 1) {
          assertThat(gateway.routeAsync(ask).join().text()).isEqualTo("m" + i);
          ok++;
        } else {
          // cancel before the first chunk (0), after 1..3 chunks (mid-stream), or never (4)
          int cancelAfter = random.nextInt(5);
          try (ChatStream s = gateway.routeStream(ask)) {
            Iterator<ChatChunk> it = s.iterator();
            int read = 0;
            while (read < cancelAfter && it.hasNext()) {
              it.next();
              read++;
            }
            if (cancelAfter < 4) {
              cancelled++;
              if (cancelAfter == 0) cancelledBeforeFirst++;
            } else {
              while (it.hasNext()) it.next();
              ok++;
            }
          }
        }
      } catch (GatewayException e) {
        failed++;
      } catch (java.util.concurrent.CompletionException e) {
        assertThat(e.getCause()).isInstanceOf(GatewayException.class);
        failed++;
      } catch (CancellationException e) {
        cancelled++;
      }
    }
    assertThat(ok + failed + cancelled).as("every request accounted for").isEqualTo(REQUESTS);
    assertThat(failed + cancelled).as("most requests fail or are cancelled").isGreaterThan(REQUESTS / 4);
    gateway.close();
    System.out.printf("LeakTest: ok=%d failed=%d cancelled=%d flakyCalls=%d steadyCalls=%d%n",
        ok, failed, cancelled, flaky.calls(), steady.calls());
    assertThat(gateway.stats().inFlight()).isZero();
    Await.until("the gateway's threads return to the baseline of " + baseline, () -> threads("aegis-") <= baseline);
    Await.until("every hook event delivered", () -> gateway.stats().hookEventsDelivered()
        + gateway.stats().hookEventsDropped() == hookEvents.get() + gateway.stats().hookEventsDropped());
    assertThat(gateway.stats().hookEventsDropped()).isZero();
    // a stream closed before its first chunk may end before its pipeline ever ran
    assertThat((long) watch.seen.size()).isBetween(REQUESTS - cancelledBeforeFirst, (long) REQUESTS);
    Await.until("every exchange collected", () -> {
      System.gc();
      return watch.alive() == 0;
    });
  }

  /**
   * Server-side: a bare loopback socket plays the provider, sends the stream's headers and one
   * event, then waits reading; closing the stream after its first chunk must close the connection,
   * which the server sees as the end of its input.
   */
  @Test
  void cancellingAStreamClosesItsUpstreamConnectionSeenFromTheServer() throws Exception {
    String event = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CompletableFuture<String> serverSaw = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try (java.net.Socket socket = listener.accept()) {
          java.io.InputStream in = socket.getInputStream();
          // read the request head and its body (small): until the JSON's closing brace
          int b;
          int braces = 0;
          boolean body = false;
          while ((b = in.read()) != -1) {
            if (b == '{') { body = true; braces++; }
            if (b == '}' && --braces == 0 && body) break;
          }
          java.io.OutputStream out = socket.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
              + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          out.flush();
          socket.setSoTimeout(20_000);
          try {
            return in.read() == -1 ? "closed by the client" : "more bytes";
          } catch (java.net.SocketException reset) {
            return "closed by the client";
          }
        } catch (java.io.IOException e) {
          return "server failed: " + e;
        }
      });
      Gateway gateway = Gateway.builder()
          .provider(ProviderConfig.builder("up", "openai").baseUrl("http://127.0.0.1:" + listener.getLocalPort() + "/v1")
              .credentials(CredentialProvider.apiKey("sk-test")).build())
          .route("r", Strategy.single(single("up")))
          .build();
      try (ChatStream s = gateway.routeStream(ChatRequest.builder().model("r").addMessage(Message.user("hi")).build())) {
        assertThat(s.iterator().next().text()).isEqualTo("Hi");
      }
      assertThat(serverSaw.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("closed by the client");
      gateway.close();
    }
  }

  private static ProviderConfig upstream(String name, MockWebServer server, OkHttpClient host, Duration readTimeout) {
    return ProviderConfig.builder(name, "openai").baseUrl(server.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("sk-test")).readTimeout(readTimeout)
        .extension(OkHttpClient.class, host).build();
  }

  private static Target single(String provider) {
    return Target.builder(provider).provider(provider).model("m").retry(RetryPolicy.NONE)
        .circuitBreaker(CircuitBreakerPolicy.DISABLED).build();
  }

  /**
   * Over HTTP: stalls cut by the read timeout, 503s, streams cancelled mid-way and healthy calls;
   * afterwards no connection of the host's pool is still in use, and after {@code close()} the
   * gateway's threads are gone.
   */
  @Test
  void httpFaultsAndCancelledStreamsLeaveNoConnectionInUse() throws Exception {
    Random random = new Random(SEED);
    long baseline = threads("aegis-");
    OkHttpClient host = new OkHttpClient();
    String sse = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    String ok = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      // the stalls go to a provider with a 150 ms read timeout; the healthy calls to one with a
      // generous one, so a loaded machine cannot turn a healthy answer into a timeout
      Gateway gateway = Gateway.builder().sleeper(new FakeTime())
          .provider(upstream("up", server, host, Duration.ofSeconds(10)))
          .provider(upstream("stalling", server, host, Duration.ofMillis(150)))
          .route("r", Strategy.single(single("up")))
          .route("stall", Strategy.single(single("stalling")))
          .build();
      int calls = 40;
      long outcomes = 0;
      for (int i = 0; i < calls; i++) {
        ChatRequest ask = ChatRequest.builder().model("r").addMessage(Message.user("hi")).build();
        switch (random.nextInt(4)) {
          case 0:
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            try {
              gateway.route(ask.toBuilder().model("stall").build());
            } catch (GatewayException e) {
              assertThat(e.getMessage())
                  .isEqualTo("provider 'stalling' gave no response (timeout): timed out before the status arrived");
              outcomes++;
            }
            break;
          case 1:
            server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"busy\"}}").build());
            try {
              gateway.route(ask);
            } catch (GatewayException e) {
              assertThat(e.getMessage()).isEqualTo("provider 'up' answered 503: busy");
              outcomes++;
            }
            break;
          case 2:
            // a stream that would run for ever, cancelled after its first chunk
            server.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream")
                .body(sse + sse).onResponseBody(SocketEffect.Stall.INSTANCE).build());
            try (ChatStream s = gateway.routeStream(ask)) {
              assertThat(s.iterator().next().text()).isEqualTo("Hi");
            }
            outcomes++;
            break;
          default:
            server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(ok).build());
            assertThat(gateway.route(ask).text()).isEqualTo("ok");
            outcomes++;
        }
      }
      assertThat(outcomes).isEqualTo(calls);
      Await.until("no upstream connection left in use",
          () -> host.connectionPool().connectionCount() == host.connectionPool().idleConnectionCount());
      gateway.close();
      Await.until("the gateway's threads return to the baseline of " + baseline, () -> threads("aegis-") <= baseline);
    } finally {
      host.dispatcher().executorService().shutdown();
      host.connectionPool().evictAll();
    }
  }
}
