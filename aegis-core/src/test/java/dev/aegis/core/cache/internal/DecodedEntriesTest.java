package dev.aegis.core.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hot entries are decoded once, and only while the store still returns the bytes they came from. */
class DecodedEntriesTest {
  private static final CacheKey KEY = new CacheKey("acme", "0".repeat(63) + "1");
  private final DecodedEntries decoded = new DecodedEntries(1 << 20);

  private static byte[] entry(String text) {
    List<ChatChunk> chunks = List.of(
        ChatChunk.builder("id-1", "m").role(Role.ASSISTANT).text(text).finishReason(FinishReason.STOP).build(),
        ChatChunk.builder("id-1", "m").usage(Usage.builder().inputTokens(3).outputTokens(1).build()).build());
    return CacheCodec.encode(new CacheCodec.Entry(chunks, 1_000L, false), 1024);
  }

  @Test
  void theSameOrEqualBytesAreServedFromMemory() {
    byte[] bytes = entry("cached");
    DecodedEntries.Decoded first = decoded.decode(KEY, bytes);
    assertThat(first.response().text()).isEqualTo("cached");
    assertThat(first.response().usage().inputTokens()).isEqualTo(3);
    assertThat(first.entry().storedAtMillis()).isEqualTo(1_000L);
    assertThat(decoded.decode(KEY, bytes)).isSameAs(first);
    // a remote store sends a fresh array with the same bytes
    assertThat(decoded.decode(KEY, bytes.clone())).isSameAs(first);
  }

  @Test
  void replacedBytesAreDecodedAgainAndForgettingDropsTheDecodedForm() {
    DecodedEntries.Decoded first = decoded.decode(KEY, entry("old"));
    DecodedEntries.Decoded second = decoded.decode(KEY, entry("new"));
    assertThat(second).isNotSameAs(first);
    assertThat(second.response().text()).isEqualTo("new");
    byte[] again = entry("new");
    decoded.forget(KEY);
    DecodedEntries.Decoded third = decoded.decode(KEY, again);
    assertThat(third).isNotSameAs(second);
    assertThat(third.response().text()).isEqualTo("new");
  }

  @Test
  void unreadableBytesAreRefused() {
    assertThatThrownBy(() -> decoded.decode(KEY, new byte[] {7, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache entry has an unknown format 7");
  }
}
