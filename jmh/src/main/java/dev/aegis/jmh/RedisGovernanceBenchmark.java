package dev.aegis.jmh;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import dev.aegis.redis.RedisStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/**
 * Requests per second through limiter + budget, in memory beside on Redis, in one run: the same
 * gateway (a request limit and a token limit per tenant, a daily tenant budget, reserved before
 * and settled after each call; nothing refused) over the zero-latency mock, once with the
 * in-memory stores and once with {@link RedisStores} on a local redis-server. At the end of the
 * trial the Redis case prints its round trips per request, counted from {@code INFO commandstats}.
 *
 * <p>The benchmark starts {@code redis-server} on a free loopback port itself (it must be on the
 * PATH), or uses {@code -Daegis.redis.uri=redis://host:port}. Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar RedisGovernanceBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(8)
@Fork(1)
public class RedisGovernanceBenchmark {
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("bench", "acme")).build();

  private Process server;
  private int port;
  private RedisStores redis;
  private Gateway inMemory;
  private Gateway onRedis;
  private ChatRequest request;
  private final AtomicLong redisRequests = new AtomicLong();
  private long evalsAtStart;

  @Setup
  public void setUp() throws Exception {
    request = ChatRequest.builder().model("demo").addMessage(Message.user("Say something short.")).maxTokens(64)
        .build();
    String uri = System.getProperty("aegis.redis.uri");
    if (uri == null) {
      uri = startServer();
    } else {
      port = java.net.URI.create(uri).getPort();
    }
    redis = RedisStores.builder().uri(uri).prefix("aegis-bench").build();
    inMemory = governed().build();
    onRedis = governed().limiterStore(redis.limiterStore()).budgetStore(redis.budgetStore()).build();
    onRedis.route(request, ACME); // loads the scripts
    evalsAtStart = evalshaCalls();
  }

  private static Gateway.Builder governed() {
    return Gateway.builder()
        .provider(MockProvider.builder("mock").reply("A short canned answer for the benchmark.").build())
        .route("demo", Strategy.single(Target.of("mock")))
        .trackUsage(false)
        .prices(PriceTable.of(Map.of("mock/demo", PriceTable.Price.of("1.00", "2.00"))))
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 1_000_000_000, Duration.ofSeconds(1)))
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1_000_000_000, Duration.ofSeconds(1)))
        .budget(Budget.of("tenant-daily", Budget.Scope.TENANT, "1000000", Budget.Period.DAILY));
  }

  @TearDown
  public void tearDown() throws Exception {
    long evals = evalshaCalls() - evalsAtStart;
    long requests = redisRequests.get();
    if (requests > 0) {
      System.out.printf("%nRedis round trips per request: %.3f (%d scripts for %d requests)%n",
          (double) evals / requests, evals, requests);
    }
    inMemory.close();
    onRedis.close();
    redis.close();
    if (server != null) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  public ChatResponse inMemory() {
    return inMemory.route(request, ACME);
  }

  @Benchmark
  public ChatResponse onRedis() {
    redisRequests.incrementAndGet();
    return onRedis.route(request, ACME);
  }

  private long evalshaCalls() {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      for (String line : j.info("commandstats").split("\r\n")) {
        if (line.startsWith("cmdstat_evalsha:calls=")) {
          String rest = line.substring("cmdstat_evalsha:calls=".length());
          return Long.parseLong(rest.substring(0, rest.indexOf(',')));
        }
      }
      return 0;
    }
  }

  private String startServer() throws IOException, InterruptedException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("aegis-bench-redis");
    server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    for (int i = 0; i < 500; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return "redis://127.0.0.1:" + port;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }
}
