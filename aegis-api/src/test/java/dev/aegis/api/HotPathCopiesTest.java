package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.Attributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The allocation cuts of the performance pass keep their contracts: list copies still refuse
 * nulls by name, {@code withMetadata} keeps every other field, the array-backed attributes behave
 * like a map, and the chunk iterator's requests grow 1, 2, 4, 8, 16 and stay bounded.
 */
class HotPathCopiesTest {

  @Test
  void anImmutableListIsKeptAsItIsAndOthersAreCopied() {
    List<String> three = List.of("a", "b", "c");
    assertThat(Checks.copyOf(three, "tags")).isSameAs(three);
    List<String> mutable = new ArrayList<>(List.of("a", "b"));
    List<String> copy = Checks.copyOf(mutable, "tags");
    mutable.add("c");
    assertThat(copy).containsExactly("a", "b");
    assertThatThrownBy(() -> copy.add("d")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNullElementIsRefusedByNameAlsoInAStreamToList() {
    List<String> withNull = Stream.of("a", (String) null).toList(); // the same class as List.of's
    assertThatThrownBy(() -> Checks.copyOf(withNull, "tags"))
        .isInstanceOf(NullPointerException.class).hasMessage("tags element must not be null");
    List<String> mutable = new ArrayList<>();
    mutable.add(null);
    assertThatThrownBy(() -> Checks.copyOf(mutable, "choices"))
        .isInstanceOf(NullPointerException.class).hasMessage("choices element must not be null");
  }

  @Test
  void withMetadataKeepsEveryOtherField() {
    ChatResponse r = ChatResponse.builder().id("r-1").model("m-1").created(42)
        .addChoice(Choice.of(0, Message.assistant("hello"), FinishReason.STOP))
        .usage(Usage.of(3, 1)).systemFingerprint("fp").extra("x", "y").build();
    ResponseMetadata meta = ResponseMetadata.builder().target("t").provider("p")
        .attempts(List.of(Attempt.success("t", "p", Duration.ofMillis(5)))).latency(Duration.ofMillis(7)).build();
    ChatResponse copy = r.withMetadata(meta);
    assertThat(copy).isEqualTo(r.toBuilder().metadata(meta).build());
    assertThat(copy.metadata()).isSameAs(meta);
    assertThat(copy.choices()).isSameAs(r.choices());
    assertThat(r.metadata()).isEqualTo(ResponseMetadata.builder().build());
    assertThatThrownBy(() -> r.withMetadata(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("metadata must not be null");
  }

  @Test
  void attributesBehaveLikeAMapPastTheirFirstArrays() {
    Attributes a = new Attributes();
    List<AttributeKey<Integer>> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      AttributeKey<Integer> k = AttributeKey.create("k" + i, Integer.class);
      keys.add(k);
      a.put(k, i);
    }
    a.put(keys.get(2), 20);
    AtomicInteger made = new AtomicInteger();
    AttributeKey<Integer> lazy = AttributeKey.create("lazy", Integer.class);
    assertThat(a.computeIfAbsent(lazy, () -> 100 + made.incrementAndGet())).isEqualTo(101);
    assertThat(a.computeIfAbsent(lazy, () -> 100 + made.incrementAndGet())).isEqualTo(101);
    assertThat(made).hasValue(1);
    assertThat(a.remove(keys.get(0))).isEqualTo(0);
    assertThat(a.remove(keys.get(0))).isNull();
    assertThat(a.get(keys.get(0))).isNull();
    assertThat(a.get(keys.get(2))).isEqualTo(20);
    assertThat(a.get(keys.get(5))).isEqualTo(5);
    assertThat(a).hasToString("Attributes[AttributeKey[k1], AttributeKey[k2], AttributeKey[k3], AttributeKey[k4], "
        + "AttributeKey[k5], AttributeKey[lazy]]");
  }

  @Test
  void theIteratorRequestsOneChunkFirstThenTopsUpADoublingWindowOfSixteen() {
    SyncStream s = new SyncStream(40);
    Iterator<ChatChunk> it = s.iterator();
    assertThat(it.next().text()).isEqualTo("c0");
    assertThat(s.requests).containsExactly(1L);
    assertThat(s.sent).isEqualTo(1); // a consumer that stops here let exactly one chunk be made
    int read = 1;
    int maxAhead = 0;
    while (it.hasNext()) {
      maxAhead = Math.max(maxAhead, s.sent - read); // made and not yet read
      assertThat(it.next().text()).isEqualTo("c" + read++);
    }
    assertThat(read).isEqualTo(40);
    // windows 2, 4, 8, 16, each topped up when half is left: never more than 16 requested ahead
    assertThat(s.requests).containsExactly(1L, 2L, 3L, 5L, 9L, 8L, 8L, 8L);
    assertThat(maxAhead).isEqualTo(16);
  }

  @Test
  void theIteratorFailsAndCancelsAPublisherThatSendsMoreThanRequested() {
    SyncStream s = new SyncStream(10);
    s.extra = 1; // sends one chunk more than each request asks for
    Iterator<ChatChunk> it = s.iterator();
    assertThat(it.next().text()).as("what was requested still arrives").isEqualTo("c0");
    assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class)
        .hasMessage("the stream sent more chunks than were requested (Reactive Streams rule 1.1)");
    assertThat(s.requests).containsExactly(1L);
    assertThat(s.cancelled).isTrue();
    assertThat(it.hasNext()).as("reported once, then exhausted").isFalse();
  }

  /** A publisher that sends synchronously inside {@code request(n)}, up to {@code total} chunks. */
  private static final class SyncStream implements ChatStream, Flow.Subscription {
    final List<Long> requests = new ArrayList<>();
    final int total;
    int sent;
    int extra;
    boolean cancelled;
    Flow.Subscriber<? super ChatChunk> subscriber;

    SyncStream(int total) {
      this.total = total;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChatChunk> s) {
      subscriber = s;
      s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
      requests.add(n);
      for (long i = 0; i < n + extra && sent < total; i++) {
        subscriber.onNext(ChatChunk.builder("id", "m").text("c" + sent++).build());
      }
      if (sent == total) {
        subscriber.onComplete();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public CompletableFuture<StreamStart> started() {
      return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<ResponseMetadata> finished() {
      return new CompletableFuture<>();
    }

    @Override
    public void close() {}
  }
}
