package dev.aegis.jmh;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
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
 * The gateway's overhead per call: {@code route()} through a gateway over the mock provider
 * (zero latency) against calling the same mock provider directly, in one run.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar GatewayRouteBenchmark -prof gc
 * </pre>
 *
 * <p>The difference between {@code gatewayRoute} and {@code directProviderCall} (ns/op and
 * {@code gc.alloc.rate.norm} B/op) is the gateway's cost: exchange, plugin stages, routing,
 * attempt bookkeeping, deadline timer and response metadata.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayRouteBenchmark {
  private MockProvider mock;
  private Gateway gateway;
  private ChatRequest request;

  @Setup
  public void setUp() {
    mock = MockProvider.builder("mock").reply("A short canned answer for the benchmark.").build();
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).build();
    request = ChatRequest.builder().model("demo")
        .addMessage(Message.system("You are terse."))
        .addMessage(Message.user("Say something short."))
        .build();
  }

  @TearDown
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public ChatResponse gatewayRoute() {
    return gateway.route(request);
  }

  @Benchmark
  public ChatResponse directProviderCall() {
    ProviderCall call = ProviderCall.builder().model("demo").timeout(Duration.ofMinutes(10)).build();
    return mock.chat(request, call);
  }
}
