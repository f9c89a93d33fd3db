package dev.aegis.jmh;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.VirtualKey;
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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the built-in governance costs per request, in memory, beside the bare {@code route()} in
 * the same run: {@code bareRoute} (no built-ins at all), {@code defaultRoute} (the defaults: usage
 * and cost accounting, context-window check) and {@code governedRoute} (virtual-key lookup with
 * SHA-256 and constant-time compare, a request limit and a token limit per key and tenant checked
 * all or nothing, a budget reservation and its settlement, usage and cost). Limits (a million
 * requests and a hundred million tokens a second) and budget are set so that nothing is refused.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar GovernanceBenchmark -prof gc
 * </pre>
 *
 * <p>{@code governedRoute - bareRoute} (ns/op and {@code gc.alloc.rate.norm} B/op) is the cost of
 * key lookup + limiter + budget reservation + usage per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GovernanceBenchmark {
  private Gateway bare;
  private Gateway defaults;
  private Gateway governed;
  private ChatRequest request;
  private RequestOptions keyed;

  @Setup
  public void setUp() {
    request = ChatRequest.builder().model("demo")
        .addMessage(Message.system("You are terse."))
        .addMessage(Message.user("Say something short."))
        .maxTokens(64)
        .build();
    bare = gateway().trackUsage(false).build();
    defaults = gateway().build();
    governed = gateway()
        .prices(PriceTable.of(Map.of("mock/demo", PriceTable.Price.of("1.00", "2.00"))))
        .virtualKeys()
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 1_000_000, Duration.ofSeconds(1)))
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 100_000_000, Duration.ofSeconds(1)))
        .budget(Budget.of("tenant-daily", Budget.Scope.TENANT, "1000000000", Budget.Period.DAILY))
        .build();
    String secret = governed.virtualKeys().issue(VirtualKey.builder().tenant("acme").user("bench")
        .limit(RateLimit.requests(RateLimit.Scope.KEY, 1_000_000, Duration.ofSeconds(1)))
        .build()).secret();
    keyed = RequestOptions.builder().credential(secret).build();
  }

  private static Gateway.Builder gateway() {
    return Gateway.builder()
        .provider(MockProvider.builder("mock").reply("A short canned answer for the benchmark.").build())
        .route("demo", Strategy.single(Target.of("mock")));
  }

  @TearDown
  public void tearDown() {
    bare.close();
    defaults.close();
    governed.close();
  }

  @Benchmark
  public ChatResponse bareRoute() {
    return bare.route(request);
  }

  @Benchmark
  public ChatResponse defaultRoute() {
    return defaults.route(request);
  }

  @Benchmark
  public ChatResponse governedRoute() {
    return governed.route(request, keyed);
  }
}
