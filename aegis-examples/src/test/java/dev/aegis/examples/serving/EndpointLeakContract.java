package dev.aegis.examples.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.AiGateway;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.core.Gateway;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Leaks through the HTTP endpoint: 10 000 requests under {@code CI=true} and
 * {@value #LOCAL_REQUESTS} in a local loop (settable with {@code -Daegis.endpoint.leak.requests=N}) through a server binding in front of a real
 * {@link Gateway}, of which most fail upstream (503), time out before the status (a 100 ms read
 * timeout), or are abandoned by a client that disconnects after the first streamed chunk. Then
 * nothing is in flight, no upstream connection is in use, every abandoned stream's upstream
 * connection was closed (seen by the upstream itself, a bare loopback server), and after closing
 * the server and the gateway their threads (counted by name) are back to the baseline. Each
 * binding runs the same contract. 2 000 requests take about 7 s on Jetty and 5 s on Vert.x on a
 * quiet 2-core machine.
 *
 * <p>The seed is printed; {@code -Daegis.faults.seed=N} replays a run.
 */
abstract class EndpointLeakContract {
  private static final int LOCAL_REQUESTS = 2_000;
  private static final int REQUESTS = Integer.getInteger("aegis.endpoint.leak.requests",
      "true".equals(System.getenv("CI")) ? 10_000 : LOCAL_REQUESTS);
  private static final long SEED = Long.getLong("aegis.faults.seed", System.nanoTime());
  private static final int CLIENTS = 16;
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String OK = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
  private static final String CHUNK = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
  private static final String STREAM = CHUNK + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  /** Live threads named {@code prefix…}, except those named {@code except…}. */
  /** Starts the binding's server on a free port. */
  abstract RunningServer start(AiGateway gateway);

  /** The name prefix of the binding's own threads, which must be gone after it closes. */
  abstract String serverThreads();

  private static long threads(String prefix, String except) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith(prefix) && !t.getName().startsWith(except)).count();
  }

  // the gateway's own threads; the endpoint's JVM-wide timer ("aegis-endpoint-timer", one daemon
  // thread shared by every endpoint of the JVM) is bounded separately
  private static long gatewayThreads() {
    return threads("aegis-", "aegis-endpoint-");
  }

  /** Polls {@code condition} for up to 20 s (a bound against hanging, not a timing goal). */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(10);
    }
  }

  /**
   * The provider for abandoned streams: answers each request with the stream's headers and one
   * event, then reads until the gateway closes the connection, which it counts.
   */
  private static final class HangingStreamUpstream implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closedByGateway = new AtomicInteger();
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-upstream");
      t.setDaemon(true);
      return t;
    });

    HangingStreamUpstream() throws IOException {
      pool.execute(this::acceptLoop);
    }

    private void acceptLoop() {
      while (!listener.isClosed()) {
        try {
          Socket s = listener.accept();
          opened.incrementAndGet();
          pool.execute(() -> serve(s));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket socket) {
      try (socket) {
        InputStream in = socket.getInputStream();
        int b;
        int braces = 0;
        boolean body = false;
        while ((b = in.read()) != -1) {
          if (b == '{') {
            body = true;
            braces++;
          }
          if (b == '}' && --braces == 0 && body) break;
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
            + Integer.toHexString(CHUNK.length()) + "\r\n" + CHUNK + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        socket.setSoTimeout(30_000);
        try {
          if (in.read() == -1) closedByGateway.incrementAndGet();
        } catch (SocketException reset) {
          closedByGateway.incrementAndGet();
        }
      } catch (IOException e) {
        // counted as neither: the assertion on closedByGateway reports it
      }
    }

    String url() {
      return "http://127.0.0.1:" + listener.getLocalPort() + "/v1";
    }

    @Override
    public void close() throws IOException {
      listener.close();
      pool.shutdownNow();
    }
  }

  private static ProviderConfig upstream(String name, String url, OkHttpClient host, Duration readTimeout) {
    return ProviderConfig.builder(name, "openai").baseUrl(url).credentials(CredentialProvider.apiKey("sk-test"))
        .readTimeout(readTimeout).extension(OkHttpClient.class, host).build();
  }

  private static Target single(String provider) {
    return Target.builder(provider).provider(provider).model("m").retry(RetryPolicy.NONE)
        .circuitBreaker(CircuitBreakerPolicy.DISABLED).build();
  }

  private enum Kind { OK, OK_STREAM, FAIL, FAIL_STREAM, STALL, ABANDON }

  @Test
  void manyFailingTimedOutAndAbandonedRequestsLeaveNothingBehind() throws Exception {
    System.out.println(getClass().getSimpleName() + " seed " + SEED + " (-Daegis.faults.seed=" + SEED + " replays), requests "
        + REQUESTS);
    long aegisBaseline = gatewayThreads();
    long serverBaseline = threads(serverThreads(), "-");
    // the endpoint's blocking pool is JVM-wide: other tests' embeddings and model lists may have started threads
    long blockingBaseline = threads("aegis-endpoint-blocking-", "-");
    OkHttpClient host = new OkHttpClient.Builder().build();
    OkHttpClient clients = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10)).retryOnConnectionFailure(false).build();
    clients.dispatcher().setMaxRequestsPerHost(CLIENTS * 2);
    MockWebServer mock = new MockWebServer();
    mock.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/fail/")) {
          return new MockResponse.Builder().code(503).addHeader("content-type", "application/json")
              .body("{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}").build();
        }
        if (path.startsWith("/stall/")) {
          return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
        }
        boolean stream = request.getBody() != null && request.getBody().utf8().contains("\"stream\":true");
        return new MockResponse.Builder().addHeader("content-type", stream ? "text/event-stream" : "application/json")
            .body(stream ? STREAM : OK).build();
      }
    });
    mock.start();
    HangingStreamUpstream hanging = new HangingStreamUpstream();
    Gateway gateway = Gateway.builder()
        .provider(upstream("ok", mock.url("/ok/v1").toString(), host, Duration.ofSeconds(10)))
        .provider(upstream("fail", mock.url("/fail/v1").toString(), host, Duration.ofSeconds(10)))
        .provider(upstream("stall", mock.url("/stall/v1").toString(), host, Duration.ofMillis(100)))
        .provider(upstream("hang", hanging.url(), host, Duration.ofSeconds(10)))
        .route("ok", Strategy.single(single("ok")))
        .route("fail", Strategy.single(single("fail")))
        .route("stall", Strategy.single(single("stall")))
        .route("hang", Strategy.single(single("hang")))
        .build();
    RunningServer server = start(gateway);
    String url = "http://localhost:" + server.port() + "/v1/chat/completions";
    Random random = new Random(SEED);
    Kind[] plan = new Kind[REQUESTS];
    Map<Kind, AtomicInteger> planned = new ConcurrentHashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      int p = random.nextInt(100);
      // about 70 % fail, time out or are abandoned
      plan[i] = p < 20 ? Kind.OK : p < 30 ? Kind.OK_STREAM : p < 50 ? Kind.FAIL : p < 60 ? Kind.FAIL_STREAM
          : p < 70 ? Kind.STALL : Kind.ABANDON;
      planned.computeIfAbsent(plan[i], k -> new AtomicInteger()).incrementAndGet();
    }
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicLong wrong = new AtomicLong();
    List<String> wrongSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers = Executors.newFixedThreadPool(CLIENTS);
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < CLIENTS; w++) {
        done.add(workers.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < REQUESTS;) {
            Kind kind = plan[i];
            String model = switch (kind) {
              case OK, OK_STREAM -> "ok";
              case FAIL, FAIL_STREAM -> "fail";
              case STALL -> "stall";
              case ABANDON -> "hang";
            };
            boolean stream = kind == Kind.OK_STREAM || kind == Kind.FAIL_STREAM || kind == Kind.ABANDON;
            String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (stream ? ",\"stream\":true" : "") + "}";
            Call call = clients.newCall(new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build());
            String outcome;
            try (Response r = call.execute()) {
              if (kind == Kind.ABANDON) {
                String first = r.body().source().readUtf8Line();
                call.cancel(); // the client goes away mid-stream
                outcome = r.code() + " " + (first != null && first.contains("\"content\":\"Hi\"") ? "first chunk" : first);
              } else {
                String text = r.body().string();
                outcome = r.code() + " " + summary(text);
              }
            } catch (IOException e) {
              outcome = "client failed: " + e;
            }
            seen.computeIfAbsent(kind + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
            if (!outcome.equals(expected(kind))) {
              wrong.incrementAndGet();
              if (wrongSamples.size() < 5) wrongSamples.add(kind + " -> " + outcome);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
      System.out.println(getClass().getSimpleName() + ": " + REQUESTS + " requests in "
          + (System.nanoTime() - started) / 1_000_000 + " ms: " + seen);
      assertThat(wrongSamples).as("unexpected outcomes (%d)", wrong.get()).isEmpty();
      int total = seen.values().stream().mapToInt(AtomicInteger::get).sum();
      assertThat(total).as("every request accounted for").isEqualTo(REQUESTS);
      int abandoned = planned.getOrDefault(Kind.ABANDON, new AtomicInteger()).get();
      await("every abandoned stream's upstream connection closed, seen by the upstream ("
          + hanging.closedByGateway.get() + " of " + abandoned + ")",
          () -> hanging.closedByGateway.get() == abandoned);
      assertThat(hanging.opened.get()).isEqualTo(abandoned);
      await("nothing in flight (" + gateway.stats().inFlight() + ")", () -> gateway.stats().inFlight() == 0);
      await("no upstream connection left in use",
          () -> host.connectionPool().connectionCount() == host.connectionPool().idleConnectionCount());
    } finally {
      workers.shutdownNow();
      server.close();
      gateway.close();
      clients.dispatcher().executorService().shutdown();
      clients.connectionPool().evictAll();
    }
    await("the gateway's threads return to the baseline of " + aegisBaseline, () -> gatewayThreads() <= aegisBaseline);
    await("the server's threads return to the baseline of " + serverBaseline,
        () -> threads(serverThreads(), "-") <= serverBaseline);
    assertThat(threads("aegis-endpoint-timer", "-")).as("the endpoint's shared timer is one thread").isLessThanOrEqualTo(1);
    assertThat(threads("aegis-endpoint-blocking-", "-")).as("chat calls start no blocking thread")
        .isLessThanOrEqualTo(blockingBaseline);
    host.connectionPool().evictAll();
    assertThat(host.connectionPool().connectionCount()).isZero();
    host.dispatcher().executorService().shutdown();
    mock.close();
    hanging.close();
  }

  private static String summary(String body) {
    if (body.startsWith("data: ")) return body.endsWith("data: [DONE]\n\n") ? "stream done" : "stream cut: " + body;
    int m = body.indexOf("\"message\":\"");
    if (body.startsWith("{\"error\"") && m >= 0) return body.substring(m + 11, body.indexOf('"', m + 11));
    return body.contains("\"content\":\"ok\"") ? "answer" : body;
  }

  private static String expected(Kind kind) {
    return switch (kind) {
      case OK -> "200 answer";
      case OK_STREAM -> "200 stream done";
      case FAIL, FAIL_STREAM -> "502 provider 'fail' answered 503 server_error: busy";
      case STALL -> "502 provider 'stall' gave no response (timeout): timed out before the status arrived";
      case ABANDON -> "200 first chunk";
    };
  }
}
