package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.StreamStart;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ChatStream contract: laziness, back-pressure, cancellation, commit point, errors. */
class ChatStreamTest {
  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Gateway gateway(Provider provider, RecordingPlugin... plugins) {
    Gateway.Builder b = Gateway.builder().provider(provider).route("demo", Strategy.single(Target.of(provider.name())));
    for (RecordingPlugin p : plugins) {
      b.plugin(p);
    }
    gateway = b.build();
    return gateway;
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("demo").addMessage(Message.user(text)).build();
  }

  /** A subscriber that records signals and requests only when told to. */
  static final class ManualSubscriber implements Flow.Subscriber<ChatChunk> {
    final LinkedBlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(ChatChunk item) {
      signals.add(item);
    }

    @Override
    public void onError(Throwable t) {
      signals.add(t);
    }

    @Override
    public void onComplete() {
      signals.add("complete");
    }

    Object next() throws InterruptedException {
      Object o = signals.poll(10, TimeUnit.SECONDS);
      assertThat(o).as("a signal within 10 s").isNotNull();
      return o;
    }
  }

  @Test
  void nothingIsSentBeforeSubscription() {
    MockProvider mock = MockProvider.builder("mock").build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    assertThat(mock.calls()).isZero();
    stream.close();
    assertThat(mock.calls()).isZero();
    assertThat(stream.started()).isCompletedExceptionally();
  }

  @Test
  void requestOneDeliversExactlyOneChunk() throws Exception {
    MockProvider mock = MockProvider.builder("mock").reply("one two three four").chunks(4).build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    ManualSubscriber s = new ManualSubscriber();
    stream.subscribe(s);
    s.subscription.request(1);
    Object first = s.next();
    assertThat(first).isInstanceOf(ChatChunk.class);
    // the producer is now blocked on demand: no second signal may arrive without a request
    assertThat(s.signals.poll(200, TimeUnit.MILLISECONDS)).isNull();
    s.subscription.request(1);
    assertThat(s.next()).isInstanceOf(ChatChunk.class);
    s.subscription.request(Long.MAX_VALUE);
    List<Object> rest = new ArrayList<>();
    Object o;
    do {
      o = s.next();
      rest.add(o);
    } while (o instanceof ChatChunk);
    assertThat(rest.get(rest.size() - 1)).isEqualTo("complete");
  }

  @Test
  void cancelReachesTheProvider() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch called = new CountDownLatch(1);
    MockProvider mock = MockProvider.builder("mock").gate(gate).onCall(r -> called.countDown()).build();
    RecordingPlugin p = new RecordingPlugin("p", new CopyOnWriteArrayList<>());
    ChatStream stream = gateway(mock, p).routeStream(ask("hi"));
    ManualSubscriber s = new ManualSubscriber();
    stream.subscribe(s);
    s.subscription.request(1);
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
    stream.close();
    stream.finished().get(10, TimeUnit.SECONDS);
    assertThat(mock.cancellations()).isEqualTo(1);
    assertThat(mock.completed()).isZero();
    assertThat(p.outcomes).singleElement().extracting(Outcome::status).isEqualTo(Outcome.Status.CANCELLED);
    assertThat(s.signals).as("a cancelled subscription gets no further signals").isEmpty();
  }

  @Test
  void cancelAfterTheFirstChunkReachesTheProvider() throws Exception {
    MockProvider mock = MockProvider.builder("mock").reply("a b c d e f").chunks(6).build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    Iterator<ChatChunk> it = stream.iterator();
    assertThat(it.next().text()).isNotEmpty();
    stream.close();
    stream.finished().get(10, TimeUnit.SECONDS);
    assertThat(mock.cancellations()).isEqualTo(1);
    assertThat(mock.completed()).isZero();
  }

  @Test
  void collectEqualsTheNonStreamedResponse() {
    MockProvider mock = MockProvider.builder("mock").clock(FIXED).chunks(5).build();
    Gateway g = gateway(mock);
    ChatResponse whole = g.route(ask("hi"));
    ChatResponse streamed = g.routeStream(ask("hi")).collect();
    assertThat(streamed.choices()).isEqualTo(whole.choices());
    assertThat(streamed.usage()).isEqualTo(whole.usage());
    assertThat(streamed.id()).isEqualTo(whole.id());
    assertThat(streamed.model()).isEqualTo(whole.model());
    assertThat(streamed.metadata().target()).isEqualTo(whole.metadata().target());
  }

  @Test
  void toolCallStreamsCollectToTheSameToolCall() {
    MockProvider mock = MockProvider.builder("mock").toolCall("get_weather", "{\"city\":\"Paris\"}").build();
    Gateway g = gateway(mock);
    ChatRequest r = ask("weather?").toBuilder().addTool(dev.aegis.api.chat.Tool.function("get_weather", null, "{}")).build();
    ChatResponse whole = g.route(r);
    ChatResponse streamed = g.routeStream(r).collect();
    assertThat(whole.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(streamed.message().toolCalls()).isEqualTo(whole.message().toolCalls());
  }

  @Test
  void startedCompletesAtTheCommitPointWithTheTarget() throws Exception {
    MockProvider mock = MockProvider.builder("mock").reply("abc").chunks(3).build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    ManualSubscriber s = new ManualSubscriber();
    stream.subscribe(s);
    s.subscription.request(1);
    s.next();
    StreamStart start = stream.started().get(10, TimeUnit.SECONDS);
    assertThat(start.target()).isEqualTo("mock");
    assertThat(start.provider()).isEqualTo("mock");
    stream.close();
  }

  @Test
  void aStreamIsOneShot() throws Exception {
    ChatStream stream = gateway(MockProvider.builder("mock").build()).routeStream(ask("hi"));
    stream.collect();
    ManualSubscriber second = new ManualSubscriber();
    stream.subscribe(second);
    assertThat(second.next()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void upstreamEndingWithoutFinishReasonIsAnError() {
    Provider truncated = new Provider() {
      @Override public String name() { return "truncated"; }
      @Override public Set<Capability> capabilities() { return Set.of(Capability.CHAT); }
      @Override public ChatResponse chat(ChatRequest request, ProviderCall call) { throw new UnsupportedOperationException(); }
      @Override public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
        sink.emit(ChatChunk.builder("id", "m").text("partial answer").build());
      }
    };
    ChatStream stream = gateway(truncated).routeStream(ask("hi"));
    assertThatThrownBy(stream::collect)
        .isInstanceOfSatisfying(StreamException.class, e -> {
          assertThat(e.getMessage()).contains("without a finish reason");
          assertThat(e.provider()).isEqualTo("truncated");
        });
  }

  @Test
  void failureAfterTheCommitPointIsAStreamExceptionAndDeliveredTextStays() {
    MockProvider mock = MockProvider.builder("mock").reply("aaaa bbbb cccc").chunks(3).failAfterChunks(2).build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    Iterator<ChatChunk> it = stream.iterator();
    StringBuilder text = new StringBuilder();
    assertThatThrownBy(() -> {
      while (it.hasNext()) {
        text.append(it.next().text());
      }
    }).isInstanceOf(StreamException.class);
    assertThat(text.toString()).isEqualTo("aaaa bbbb");
  }

  @Test
  void failureBeforeTheCommitPointFailsStartedToo() {
    MockProvider mock = MockProvider.builder("mock").failAfterChunks(0).build();
    ChatStream stream = gateway(mock).routeStream(ask("hi"));
    assertThatThrownBy(stream::collect).isInstanceOf(GatewayException.class).isNotInstanceOf(StreamException.class);
    assertThat(stream.started()).isCompletedExceptionally();
  }
}
