package dev.aegis.jmh;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.CacheControl;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.CachePolicy;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the whole built-in pipeline per request and per streamed chunk, beside the bare
 * gateway and the direct provider call, in one run. A 1 KB prompt through {@code route()} and
 * {@code routeStream()} over the mock provider (zero latency), with {@code set}:
 * <ul>
 *   <li>{@code bare}: no plugins, no registry, no tracer: the instrumentation is present but
 *       switched off, so this must match {@code GatewayRouteBenchmark.gatewayRoute} (time and
 *       {@code gc.alloc.rate.norm});
 *   <li>{@code telemetry}: metrics on a {@code SimpleMeterRegistry} and a no-op OpenTelemetry
 *       tracer, nothing else (goal: at most 1 µs over {@code bare});
 *   <li>{@code builtins}: the built-in set without guardrails (virtual key, three limit
 *       scopes, budget, usage, cache miss; see {@link #builtins}) plus telemetry (goal: at most
 *       10 µs per request);
 *   <li>{@code builtins-guardrails}: the same plus the default guardrails, input and output
 *       scanning (goal: at most 20 µs per request, 3 µs per chunk).
 * </ul>
 * Streaming is reported per chunk ({@link OperationsPerInvocation}); goal for {@code bare}: at
 * most 1 µs per chunk. Two consumers: {@code streamPerChunk} pulls through the blocking
 * {@code iterator()} (the producer thread and the caller hand chunks across in batches), and
 * {@code streamPerChunkSubscribed} subscribes with unbounded demand, as the HTTP endpoint's pump
 * does with its window, so the chunks are delivered on the producer thread and only the start and
 * the end of the stream cross threads.
 *
 * <p>Run (on a quiet machine):
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar FullPipelineBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FullPipelineBenchmark {
  static final int CHUNKS = 32;

  @Param({"bare", "telemetry", "builtins", "builtins-guardrails"})
  public String set;

  private MockProvider mock;
  private Gateway gateway;
  private ChatRequest request;
  private ChatRequest streamRequest;
  /** The caller's options: for {@code builtins*} a virtual key and a cache lookup that is never stored. */
  private RequestOptions options = RequestOptions.none();

  @Setup
  public void setUp() {
    mock = MockProvider.builder("mock").reply(answer()).chunks(CHUNKS).build();
    Gateway.Builder b = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock", "m-1")));
    if (!set.equals("bare")) {
      b.meterRegistry(new SimpleMeterRegistry()).openTelemetry(OpenTelemetry.noop());
    }
    if (set.startsWith("builtins")) {
      builtins(b, set.endsWith("guardrails"));
    }
    gateway = b.build();
    if (set.startsWith("builtins")) {
      String secret = gateway.virtualKeys().issue(VirtualKey.builder().tenant("acme").user("bench")
          .limit(RateLimit.requests(RateLimit.Scope.KEY, 1_000_000_000, Duration.ofSeconds(1)))
          .build()).secret();
      // NO_STORE: every request looks the cache up, misses and goes to the provider
      options = RequestOptions.builder().credential(secret).cacheControl(CacheControl.NO_STORE).build();
    }
    request = ChatRequest.builder().model("demo")
        .addMessage(Message.system("You are terse."))
        .addMessage(Message.user(prompt()))
        .build();
    streamRequest = request;
  }

  /**
   * The built-in set in its fixed order: virtual keys (auth), a request and a token limit per
   * tenant plus the key's own request limit, a daily budget on a priced target, usage tracking,
   * then the input guardrails, the response cache (always consulted, missing for these requests)
   * and the output guardrails. Limits and budget are generous: nothing is ever refused.
   */
  static void builtins(Gateway.Builder b, boolean guardrails) {
    b.prices(PriceTable.of(Map.of("mock/m-1", PriceTable.Price.of("1.00", "2.00"))))
        .virtualKeys()
        .limit(RateLimit.requests(RateLimit.Scope.TENANT, 1_000_000_000, Duration.ofSeconds(1)))
        .limit(RateLimit.tokens(RateLimit.Scope.TENANT, 1_000_000_000, Duration.ofSeconds(1)))
        .budget(Budget.of("tenant-daily", Budget.Scope.TENANT, "1000000000000", Budget.Period.DAILY));
    GuardrailPlugin g = guardrails ? GuardrailPlugin.defaults() : null;
    if (g != null) {
      b.plugin(g.inputStage());
    }
    b.plugin(ResponseCache.builder().store(InMemoryCacheStore.builder().build()).policy(CachePolicy.always()).build());
    if (g != null) {
      b.plugin(g.outputStage());
    }
  }

  /** About 1 KB of ordinary prose (no PII, so guardrails scan it all and find nothing). */
  static String prompt() {
    StringBuilder sb = new StringBuilder(1100);
    String sentence = "Summarise the quarterly report for the operations team and list the three main risks. ";
    while (sb.length() < 1024) {
      sb.append(sentence);
    }
    return sb.substring(0, 1024);
  }

  private static String answer() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < CHUNKS; i++) {
      sb.append("word").append(i).append(' ');
    }
    return sb.toString().trim();
  }

  @TearDown
  public void tearDown() {
    gateway.close();
  }

  @Benchmark
  public ChatResponse route() {
    return gateway.route(request, options);
  }

  @Benchmark
  public ChatResponse directProviderCall() {
    return mock.chat(request, ProviderCall.builder().model("m-1").timeout(Duration.ofMinutes(10)).build());
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void streamPerChunk(Blackhole bh) {
    Iterator<ChatChunk> it = gateway.routeStream(streamRequest, options).iterator();
    while (it.hasNext()) {
      bh.consume(it.next());
    }
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void directStreamPerChunk(Blackhole bh) {
    ChunkSink sink = bh::consume;
    mock.stream(streamRequest, ProviderCall.builder().model("m-1").timeout(Duration.ofMinutes(10)).build(), sink);
  }

  @Benchmark
  @OperationsPerInvocation(CHUNKS)
  public void streamPerChunkSubscribed(Blackhole bh) {
    Drain drain = new Drain(bh);
    gateway.routeStream(streamRequest, options).subscribe(drain);
    drain.done.join();
  }

  /** Takes every chunk as it comes: one request for all of them, the end as a future. */
  static final class Drain implements Flow.Subscriber<ChatChunk> {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Blackhole bh;

    Drain(Blackhole bh) {
      this.bh = bh;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ChatChunk chunk) {
      bh.consume(chunk);
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }
}
