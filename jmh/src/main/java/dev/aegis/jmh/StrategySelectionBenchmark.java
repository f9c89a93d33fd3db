package dev.aegis.jmh;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Condition;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of each routing strategy per call: {@code route()} over three zero-latency mock
 * targets with each strategy. The {@code single} case is the baseline; the difference to it is the
 * strategy's selection cost (eligibility checks, breaker reads, weighted draw, rule evaluation,
 * latency sort, price lookup; for {@code hedged}, the hop to a branch thread).
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar StrategySelectionBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StrategySelectionBenchmark {

  @Param({"single", "fallback", "weighted", "conditional", "least-latency", "cost", "hedged", "nested"})
  public String strategy;

  private Gateway gateway;
  private ChatRequest request;

  @Setup
  public void setUp() {
    Target a = Target.of("a");
    Target b = Target.of("b");
    Target c = Target.of("c");
    Strategy s;
    switch (strategy) {
      case "single": s = Strategy.single(a); break;
      case "fallback": s = Strategy.fallback(a, b, c); break;
      case "weighted": s = Strategy.weighted().add(a, 5).add(b, 3).add(c, 2).build(); break;
      case "conditional":
        s = Strategy.conditional()
            .when(Condition.metadata("region").eq("us"), b)
            .when(Condition.model().prefix("gpt-"), c)
            .when(Condition.model().glob("bench*"), a)
            .build();
        break;
      case "least-latency":
        s = Strategy.leastLatency(Strategy.single(a), Strategy.single(b), Strategy.single(c)).exploration(0.05);
        break;
      case "cost": s = Strategy.cost(Strategy.single(a), Strategy.single(b), Strategy.single(c)); break;
      case "hedged": s = Strategy.hedged(Duration.ofSeconds(5), Strategy.single(a), Strategy.single(b)); break;
      case "nested":
        s = Strategy.fallback(Strategy.weighted().add(a, 1).add(b, 1).build(), Strategy.single(c));
        break;
      default: throw new IllegalArgumentException(strategy);
    }
    gateway = Gateway.builder()
        .provider(MockProvider.builder("a").build())
        .provider(MockProvider.builder("b").build())
        .provider(MockProvider.builder("c").build())
        .prices(PriceTable.of(Map.of("bench", PriceTable.Price.of("1", "2"))))
        .route("bench", s)
        .build();
    request = ChatRequest.builder().model("bench").addMessage(Message.user("Say something short.")).build();
  }

  @TearDown
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public ChatResponse route() {
    return gateway.route(request);
  }
}
