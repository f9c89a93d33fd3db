package dev.aegis.jmh;

import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.CachePolicy;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.cache.internal.RequestKey;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
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
 * The response cache's cost per call, in one run: {@code route()} answered from the cache (key,
 * lookup, decode, replay through the response stages), a miss (key, lookup, the mock provider,
 * no store: {@code NO_STORE}), and the bare route through a gateway without a cache; and the key
 * computation alone for a 1 KB and a 32 KB conversation.
 *
 * <p>Run (on a quiet machine):
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar ResponseCacheBenchmark -prof gc
 * </pre>
 *
 * <p>Compare {@code cacheHitRoute} and {@code cacheMissRoute} with {@code bareRoute} (ns/op and
 * {@code gc.alloc.rate.norm} B/op); {@code key} scales with {@code conversationBytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseCacheBenchmark {
  private Gateway bare;
  private Gateway cached;
  private ChatRequest request;
  private ChatRequest missRequest;
  private final RequestOptions options = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
  private final RequestOptions noStore = options.toBuilder().cacheControl(CacheControl.NO_STORE).build();

  @Setup
  public void setUp() {
    MockProvider mock = MockProvider.builder("mock").reply("A short canned answer for the benchmark.").build();
    bare = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).build();
    cached = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock")))
        .plugin(ResponseCache.builder().store(InMemoryCacheStore.builder().build()).policy(CachePolicy.always()).build())
        .build();
    request = ChatRequest.builder().model("demo")
        .addMessage(Message.system("You are terse."))
        .addMessage(Message.user("Say something short."))
        .temperature(0.0)
        .build();
    cached.route(request, options); // the entry every hit finds
    // never stored (NO_STORE), so every call looks up, misses and calls the provider
    missRequest = request.toBuilder().messages(java.util.List.of(Message.user("Say something else."))).build();
  }

  /** A conversation of about {@code conversationBytes} characters for the key benchmark. */
  @State(Scope.Benchmark)
  public static class Conversation {
    @Param({"1024", "32768"})
    public int conversationBytes;

    ChatRequest request;

    @Setup
    public void setUp() {
      ChatRequest.Builder b = ChatRequest.builder().model("demo").temperature(0.0).addMessage(Message.system("You are terse."));
      String turn = "Please summarise the quarterly figures for the northern region in two sentences. ";
      int size = 0;
      for (int i = 0; size < conversationBytes; i++) {
        Message m = i % 2 == 0 ? Message.user(turn + i) : Message.assistant(turn + " Answer " + i);
        b.addMessage(m);
        size += m.text().length();
      }
      request = b.addMessage(Message.user("And the southern region?")).build();
    }
  }

  @TearDown
  public void tearDown() {
    bare.close();
    cached.close();
  }

  @Benchmark
  public ChatResponse bareRoute() {
    return bare.route(request, options);
  }

  @Benchmark
  public ChatResponse cacheHitRoute() {
    return cached.route(request, options);
  }

  @Benchmark
  public ChatResponse cacheMissRoute() {
    return cached.route(missRequest, noStore);
  }

  @Benchmark
  public String key(Conversation c) {
    return RequestKey.exact("acme", "demo", Map.of(), c.request);
  }
}
