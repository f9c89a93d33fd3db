package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.CacheControl;
import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.cache.CacheStatus;
import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.core.cache.CachePolicy;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.cache.internal.CacheCodec;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exact response cache on all three doors, with a fake ticker (expiry) and a fake clock (age). */
class ResponseCacheTest {
  private static final RequestOptions ACME = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
  private static final RequestOptions ACME_BOB = RequestOptions.builder().principal(Principal.of("bob", "acme")).build();
  private static final RequestOptions GLOBEX = RequestOptions.builder().principal(Principal.of("cid", "globex")).build();

  private final FakeTime time = new FakeTime();
  private final FakeClock clock = new FakeClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryCacheStore store = InMemoryCacheStore.builder().ticker(time).build();
  private MockProvider mock = MockProvider.builder("mock").echo().chunks(3).build();
  private ResponseCache.Builder cacheConfig = ResponseCache.builder().store(store).clock(clock).ttl(Duration.ofMinutes(10));
  private final List<Plugin> before = new ArrayList<>();
  private final List<Plugin> after = new ArrayList<>();
  private Gateway gateway;

  private Gateway gateway() {
    Gateway.Builder b = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).ticker(time);
    before.forEach(b::plugin);
    b.plugin(cacheConfig.build());
    after.forEach(b::plugin);
    gateway = b.build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).temperature(0.0).build();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aRepeatedRequestIsAnsweredFromTheCacheWithItsAge(Door door) {
    Gateway g = gateway();
    ChatResponse first = door.call(g, ask("what is two plus two"), ACME);
    assertThat(first.metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(first.metadata().cacheHit()).isFalse();
    clock.advance(Duration.ofSeconds(42));
    ChatResponse second = door.call(g, ask("what is two plus two"), ACME_BOB);
    assertThat(mock.calls()).isEqualTo(1);
    assertThat(second.text()).isEqualTo("what is two plus two");
    assertThat(second.usage()).isEqualTo(first.usage());
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(second.metadata().cache()).isEqualTo(CacheResult.hit(Duration.ofSeconds(42)));
    assertThat(second.metadata().cacheHit()).isTrue();
    assertThat(second.metadata().target()).isNull();
    assertThat(second.metadata().attempts()).isEmpty();
    assertThat(store.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void anotherTenantNeverGetsTheAnswer(Door door) {
    Gateway g = gateway();
    door.call(g, ask("our secret plan"), ACME);
    ChatResponse other = door.call(g, ask("our secret plan"), GLOBEX);
    assertThat(other.metadata().cache()).isEqualTo(CacheResult.MISS);
    ChatResponse anonymous = door.call(g, ask("our secret plan"), RequestOptions.none());
    assertThat(anonymous.metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(mock.calls()).isEqualTo(3);
    assertThat(store.snapshot().keySet()).extracting(CacheKey::tenant).containsExactlyInAnyOrder("acme", "globex", "");
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void entriesExpireAfterTheirTtlOnTheTicker(Door door) {
    Gateway g = gateway();
    door.call(g, ask("expiring"), ACME);
    time.advance(Duration.ofMinutes(10).minusNanos(1));
    assertThat(door.call(g, ask("expiring"), ACME).metadata().cacheHit()).isTrue();
    time.advance(Duration.ofNanos(1));
    assertThat(door.call(g, ask("expiring"), ACME).metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(mock.calls()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void byDefaultOnlyDeterministicRequestsAreCached(Door door) {
    Gateway g = gateway();
    ChatRequest warm = ask("poem").toBuilder().temperature(0.7).build();
    assertThat(door.call(g, warm, ACME).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    assertThat(door.call(g, warm, ACME).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    ChatRequest seeded = warm.toBuilder().seed(3L).build();
    door.call(g, seeded, ACME);
    assertThat(door.call(g, seeded, ACME).metadata().cacheHit()).isTrue();
    assertThat(mock.calls()).isEqualTo(3);
    assertThat(store.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void perCallCacheControl(Door door) {
    Gateway g = gateway();
    RequestOptions noStore = ACME.toBuilder().cacheControl(CacheControl.NO_STORE).build();
    RequestOptions noCache = ACME.toBuilder().cacheControl(CacheControl.NO_CACHE).build();
    RequestOptions bypass = ACME.toBuilder().cacheControl(CacheControl.BYPASS).build();
    RequestOptions refresh = ACME.toBuilder().cacheControl(CacheControl.FORCE_REFRESH).build();
    RequestOptions young = ACME.toBuilder().cacheControl(CacheControl.maxAge(Duration.ofSeconds(30))).build();

    assertThat(door.call(g, ask("q"), noStore).metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(store.size()).isZero();
    assertThat(door.call(g, ask("q"), bypass).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    assertThat(store.size()).isZero();
    assertThat(door.call(g, ask("q"), noCache).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    assertThat(store.size()).isEqualTo(1);
    assertThat(mock.calls()).isEqualTo(3);
    assertThat(door.call(g, ask("q"), noCache).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    assertThat(mock.calls()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(31));
    assertThat(door.call(g, ask("q"), noStore).metadata().cache()).isEqualTo(CacheResult.hit(Duration.ofSeconds(31)));
    assertThat(door.call(g, ask("q"), young).metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(mock.calls()).isEqualTo(5);
    // the answer to the young-only call replaced the old entry
    assertThat(door.call(g, ask("q"), young).metadata().cache()).isEqualTo(CacheResult.hit(Duration.ZERO));

    clock.advance(Duration.ofSeconds(5));
    assertThat(door.call(g, ask("q"), refresh).metadata().cache()).isEqualTo(CacheResult.BYPASS);
    assertThat(mock.calls()).isEqualTo(6);
    assertThat(door.call(g, ask("q"), ACME).metadata().cache()).isEqualTo(CacheResult.hit(Duration.ZERO));
    assertThat(mock.calls()).isEqualTo(6);
  }

  @Test
  void streamStartAndFinishSayHitOrMiss() {
    Gateway g = gateway();
    ChatStream first = g.routeStream(ask("stream me"), ACME);
    List<ChatChunk> original = drain(first);
    assertThat(first.started().join().cache()).isEqualTo(CacheResult.MISS);
    assertThat(first.started().join().target()).isEqualTo("mock");
    clock.advance(Duration.ofSeconds(7));
    ChatStream second = g.routeStream(ask("stream me"), ACME);
    List<ChatChunk> replay = drain(second);
    StreamStart start = second.started().join();
    assertThat(start).isEqualTo(new StreamStart(null, null, List.of(), java.util.Map.of(), CacheResult.hit(Duration.ofSeconds(7))));
    assertThat(second.finished().join().cache()).isEqualTo(CacheResult.hit(Duration.ofSeconds(7)));
    // the original chunk boundaries, usage and finish reason
    assertThat(replay).isEqualTo(original);
    assertThat(replay).extracting(ResponseCacheTest::text).containsExactly("stream", " me", "");
    assertThat(replay.get(1).finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(replay.get(2).usage()).isEqualTo(original.get(2).usage());
    assertThat(mock.calls()).isEqualTo(1);
  }

  @Test
  void aStoredToolCallStreamReplaysItsToolCallsAndUsage() {
    mock = MockProvider.builder("mock").toolCall("lookup", "{\"city\":\"Paris\"}").build();
    Gateway g = gateway();
    ChatRequest r = ask("weather?").toBuilder().addTool(Tool.function("lookup", null, "{}")).build();
    List<ChatChunk> original = drain(g.routeStream(r, ACME));
    List<ChatChunk> replay = drain(g.routeStream(r, ACME));
    assertThat(replay).isEqualTo(original);
    ChatResponse whole = g.route(r, ACME);
    assertThat(whole.metadata().cacheHit()).isTrue();
    ToolCall call = whole.message().toolCalls().get(0);
    assertThat(call.name()).isEqualTo("lookup");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(call.id()).isEqualTo(original.get(0).toolCalls().get(0).id());
    assertThat(whole.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(whole.usage()).isEqualTo(original.get(original.size() - 1).usage());
    assertThat(mock.calls()).isEqualTo(1);
  }

  @Test
  void aWholeAnswerReplaysAsAStreamInTheConfiguredChunkSize() {
    cacheConfig.replayChunkChars(4);
    Gateway g = gateway();
    ChatResponse whole = g.route(ask("abcdefghij"), ACME);
    List<ChatChunk> replay = drain(g.routeStream(ask("abcdefghij"), ACME));
    assertThat(replay).extracting(ResponseCacheTest::text).containsExactly("abcd", "efgh", "ij", "");
    assertThat(replay.get(2).finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(replay.get(3).usage()).isEqualTo(whole.usage());
    assertThat(mock.calls()).isEqualTo(1);
  }

  @Test
  void failedAndCancelledStreamsAreNotStored() {
    mock = MockProvider.builder("mock").echo().chunks(3).failAfterChunks(1).build();
    Gateway g = gateway();
    assertThatThrownBy(() -> g.routeStream(ask("one two three"), ACME).collect()).isInstanceOf(GatewayException.class);
    assertThat(store.size()).isZero();

    mock = MockProvider.builder("mock").echo().chunks(3).build();
    Gateway g2 = gateway();
    ChatStream s = g2.routeStream(ask("one two three"), ACME);
    Iterator<ChatChunk> it = s.iterator();
    assertThat(it.next().text()).isEqualTo("one");
    s.close();
    Await.until("the cancelled stream completes", () -> s.finished().isDone());
    assertThat(store.size()).isZero();
    assertThat(g2.routeStream(ask("one two three"), ACME).collect().metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(store.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void anAnswerALaterPluginBlocksIsNeverStored(Door door) {
    after.add(new Blocker());
    Gateway g = gateway();
    // a stream has already committed "say" when the block comes, so it fails as a StreamException
    assertThatThrownBy(() -> door.call(g, ask("say FORBIDDEN now"), ACME))
        .isInstanceOf(door == Door.STREAM ? dev.aegis.api.error.StreamException.class : GuardrailViolationException.class)
        .hasMessageEndingWith("blocked the output");
    assertThat(store.size()).isZero();
    door.call(g, ask("say fine"), ACME);
    assertThat(store.size()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void earlierPluginsSeeTheCacheResultAndAHitsZeroAttempts(Door door) {
    List<CacheResult> seen = new CopyOnWriteArrayList<>();
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    before.add(new Plugin() {
      @Override
      public void onComplete(Exchange exchange, Outcome outcome) {
        seen.add(exchange.cacheResult());
        outcomes.add(outcome);
      }
    });
    Gateway g = gateway();
    door.call(g, ask("budget"), ACME);
    door.call(g, ask("budget"), ACME);
    assertThat(seen).containsExactly(CacheResult.MISS, CacheResult.hit(Duration.ZERO));
    assertThat(outcomes.get(1).attempts()).isEmpty();
    assertThat(outcomes.get(1).target()).isNull();
    assertThat(outcomes.get(1).status()).isEqualTo(Outcome.Status.SUCCESS);
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void aFailingStoreIsAMissNeverAFailure(Door door) {
    AtomicBoolean broken = new AtomicBoolean(true);
    CacheStore flaky = new CacheStore() {
      @Override
      public byte @Nullable [] get(CacheKey key) {
        if (broken.get()) throw new IllegalStateException("store down");
        return store.get(key);
      }

      @Override
      public boolean put(CacheKey key, byte[] value, Duration ttl) {
        if (broken.get()) throw new IllegalStateException("store down");
        return store.put(key, value, ttl);
      }

      @Override
      public void remove(CacheKey key) {
        store.remove(key);
      }
    };
    cacheConfig = cacheConfig.store(flaky);
    ResponseCache cache = cacheConfig.build();
    gateway = Gateway.builder().provider(mock).route("demo", Strategy.single(Target.of("mock"))).plugin(cache).build();
    assertThat(door.call(gateway, ask("x"), ACME).text()).isEqualTo("x");
    assertThat(cache.storeFailures()).isEqualTo(2);
    broken.set(false);
    door.call(gateway, ask("x"), ACME);
    assertThat(door.call(gateway, ask("x"), ACME).metadata().cacheHit()).isTrue();
  }

  @Test
  void valuesAboveTheThresholdAreCompressedAndLargerThanTheStoreAllowsAreNotStored() {
    String big = "lorem ipsum dolor sit amet ".repeat(200);
    cacheConfig.compressAbove(512);
    Gateway g = gateway();
    g.route(ask(big), ACME);
    byte[] stored = store.snapshot().values().iterator().next();
    assertThat(stored[0]).isEqualTo((byte) 1);
    assertThat(stored.length).isLessThan(big.length() / 4);
    assertThat(CacheCodec.plain(stored).length).isGreaterThan(big.length());
    assertThat(g.route(ask(big), ACME).text()).isEqualTo(big);

    InMemoryCacheStore tiny = InMemoryCacheStore.builder().ticker(time).maxValueBytes(64).build();
    cacheConfig = ResponseCache.builder().store(tiny).clock(clock);
    gateway.close();
    Gateway g2 = gateway();
    g2.route(ask("a bit longer than sixty-four bytes once it is encoded with its id"), ACME);
    assertThat(tiny.size()).isZero();
  }

  @Test
  void policyIsPluggable() {
    cacheConfig.policy(CachePolicy.always());
    Gateway g = gateway();
    ChatRequest warm = ask("w").toBuilder().temperature(1.0).build();
    g.route(warm, ACME);
    assertThat(g.route(warm, ACME).metadata().cacheHit()).isTrue();
  }

  /** A chunk's text delta, empty when it has none. */
  static String text(ChatChunk c) {
    return c.text() == null ? "" : c.text();
  }

  static List<ChatChunk> drain(ChatStream s) {
    List<ChatChunk> out = new ArrayList<>();
    s.iterator().forEachRemaining(out::add);
    return out;
  }

  /** An output guardrail stand-in: blocks answers containing FORBIDDEN, whole or streamed. */
  static final class Blocker implements Plugin {
    @Override
    public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
      return response.text().contains("FORBIDDEN") ? ResponseDecision.reject(blocked()) : ResponseDecision.keep();
    }

    @Override
    public StreamTransformer onStream(Exchange exchange) {
      return (chunk, out) -> {
        if (chunk.text() != null && chunk.text().contains("FORBIDDEN")) {
          throw blocked();
        }
        out.emit(chunk);
      };
    }

    private static GuardrailViolationException blocked() {
      return new GuardrailViolationException("blocker", "forbidden", List.of("KEYWORD"), "blocked the output");
    }
  }
}
