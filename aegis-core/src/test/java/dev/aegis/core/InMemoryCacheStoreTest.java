package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.cache.InMemoryCacheStore;
import dev.aegis.core.cache.internal.CacheCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Caffeine store on a fake ticker, and the entry codec. */
class InMemoryCacheStoreTest {
  private static final CacheKey A = new CacheKey("acme", "a".repeat(64));
  private static final CacheKey B = new CacheKey("acme", "b".repeat(64));
  private final FakeTime time = new FakeTime();

  @Test
  void ttlPerEntry() {
    InMemoryCacheStore store = InMemoryCacheStore.builder().ticker(time).build();
    assertThat(store.put(A, new byte[] {1}, Duration.ofSeconds(10))).isTrue();
    assertThat(store.put(B, new byte[] {2}, Duration.ofSeconds(20))).isTrue();
    time.advance(Duration.ofSeconds(10));
    assertThat(store.get(A)).isNull();
    assertThat(store.get(B)).containsExactly(2);
    time.advance(Duration.ofSeconds(10));
    assertThat(store.get(B)).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  void idleEntriesGoBeforeTheirTtlAndReadsNeverExtendPastIt() {
    InMemoryCacheStore store = InMemoryCacheStore.builder().ticker(time).timeToIdle(Duration.ofSeconds(5)).build();
    store.put(A, new byte[] {1}, Duration.ofSeconds(12));
    store.put(B, new byte[] {2}, Duration.ofSeconds(12));
    time.advance(Duration.ofSeconds(4));
    assertThat(store.get(A)).containsExactly(1); // read: idle clock restarts
    time.advance(Duration.ofSeconds(4));
    assertThat(store.get(B)).isNull(); // idle for 8 s
    assertThat(store.get(A)).containsExactly(1);
    time.advance(Duration.ofSeconds(4)); // 12 s since stored: the TTL ends it although it was read
    assertThat(store.get(A)).isNull();
  }

  @Test
  void boundedByBytesAndByValueSize() {
    InMemoryCacheStore store = InMemoryCacheStore.builder().ticker(time).maximumBytes(3_000).maxValueBytes(1_000).build();
    assertThat(store.put(A, new byte[1_001], Duration.ofMinutes(1))).isFalse();
    assertThat(store.maxValueBytes()).isEqualTo(1_000);
    for (int i = 0; i < 10; i++) {
      store.put(new CacheKey("acme", String.format("%064d", i)), new byte[1_000], Duration.ofMinutes(1));
    }
    // 1 000 bytes plus the per-entry overhead each: at most two fit in 3 000
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.put(A, new byte[1], Duration.ZERO)).isFalse();
    store.remove(new CacheKey("acme", String.format("%064d", 9)));
    store.clear();
    assertThat(store.size()).isZero();
  }

  @Test
  void builderReportsEveryProblem() {
    assertThatThrownBy(() -> InMemoryCacheStore.builder().maximumBytes(0).maxValueBytes(-1)
        .timeToIdle(Duration.ZERO).ticker(null).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::path)
            .containsExactly("cache.store.maximumBytes", "cache.store.maxValueBytes", "cache.store.timeToIdle",
                "cache.store.ticker"));
  }

  /**
   * The fields CacheCodec writes, per type. A field added to a chunk, tool-call delta, usage or
   * logprob without a line in the codec (and here) fails {@link #theCodecKnowsEveryField()} by name,
   * so a cached answer never silently loses it.
   */
  static final java.util.Set<String> ENCODED = java.util.Set.of(
      "ChatChunk.id", "ChatChunk.model", "ChatChunk.index", "ChatChunk.role", "ChatChunk.text", "ChatChunk.refusal",
      "ChatChunk.reasoning", "ChatChunk.reasoningSignature", "ChatChunk.reasoningRedacted", "ChatChunk.toolCalls",
      "ChatChunk.finishReason", "ChatChunk.usage", "ChatChunk.logprobs", "ChatChunk.extras", "ToolCallDelta.signature",
      "Usage.cacheWrite5mTokens", "Usage.cacheWrite1hTokens",
      "ToolCallDelta.index", "ToolCallDelta.id", "ToolCallDelta.name", "ToolCallDelta.arguments",
      "Usage.inputTokens", "Usage.outputTokens", "Usage.cacheReadTokens", "Usage.cacheWriteTokens",
      "Usage.reasoningTokens",
      "TokenLogprob.token", "TokenLogprob.logprob", "TokenLogprob.topLogprobs");

  @Test
  void theCodecKnowsEveryField() {
    for (Class<?> c : List.of(ChatChunk.class, ToolCallDelta.class, Usage.class, TokenLogprob.class)) {
      for (java.lang.reflect.Field f : c.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
          continue;
        }
        String name = c.getSimpleName() + "." + f.getName();
        assertThat(ENCODED).as("field %s is not written by CacheCodec: encode it (bump its VERSION) and list it here",
            name).contains(name);
      }
    }
  }

  @Test
  void everyChunkFieldSurvivesTheCodecCompressedOrNot() {
    ChatChunk full = ChatChunk.builder("resp-1", "gpt-x").index(1).role(Role.ASSISTANT).text("héllo")
        .refusal("no").reasoning("think").reasoningSignature("sig").reasoningRedacted("opaque")
        .addToolCall(new ToolCallDelta(0, "call_1", "lookup", "{\"q\":1}", "sig"))
        .finishReason(FinishReason.TOOL_CALLS).usage(Usage.builder().inputTokens(10).outputTokens(5).cacheReadTokens(2)
            .cacheWriteTokens(1).cacheWrite5mTokens(1).reasoningTokens(3).build()).extra("x_groq", java.util.Map.of("id", "g1", "n", 2L))
        .logprobs(List.of(new TokenLogprob("h", -0.5, List.of(new TokenLogprob("j", -1.5, List.of())))))
        .build();
    ChatChunk bare = ChatChunk.builder("resp-1", "gpt-x").text("x").build();
    CacheCodec.Entry entry = new CacheCodec.Entry(List.of(full, bare), 1_767_225_600_000L, true);
    for (int threshold : new int[] {0, 1 << 20}) {
      byte[] bytes = CacheCodec.encode(entry, threshold);
      assertThat(bytes[0]).isEqualTo((byte) (threshold == 0 ? 1 : 0));
      assertThat(CacheCodec.decode(bytes)).isEqualTo(entry);
    }
    assertThatThrownBy(() -> CacheCodec.decode(new byte[] {7, 1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache entry has an unknown format 7");
    assertThatThrownBy(() -> CacheCodec.decode(new byte[] {0, 9})).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache entry of unknown version 9");
  }
}
