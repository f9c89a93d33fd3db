package dev.aegis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.resilience.Sleeper;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The internal observation seam: what a listener hears, in order, and that it cannot hurt a call. */
class CallListenerTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Sleeper sleeper = (d, cancelled) -> {
    sleeps.add(d);
    nanos.addAndGet(d.toNanos());
  };
  private final Recorder recorder = new Recorder();
  private @Nullable Engine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private Engine engine(CallListener listener, Map<String, Strategy> routes, Provider... providers) {
    List<Object> ps = new ArrayList<>(List.of((Object[]) providers));
    List<Boolean> local = new ArrayList<>();
    for (Provider p : providers) {
      local.add(false);
    }
    engine = GatewayAssembler.assemble(new GatewaySpec(ps, local, routes, null, List.of(), List.of(), List.of(), 1,
        ticker, Clock.systemUTC(), null, null, Duration.ofMinutes(1), Duration.ofSeconds(5), 16, sleeper,
        PriceTable.NONE, Duration.ofMinutes(5), listener,
        ObservabilitySpec.NONE));
    return engine;
  }

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
  }

  @Test
  void aFallbackIsHeardStageByStageAndTheAttemptCarriesTheObserversHeader() {
    FixedProvider b = new FixedProvider("b");
    MockProvider a = MockProvider.builder("a").failures(FailurePlan.sequence(503)).build();
    Map<String, Strategy> routes = Map.of("r", Strategy.fallback(Target.of("a", "m-a"),
        Target.builder("b").provider("b").model("m-b").header("x-team", "core").build()));
    ChatResponse r = engine(recorder, routes, a, b).route(ask("r"), RequestOptions.none());
    assertThat(r.text()).isEqualTo("from b");
    assertThat(recorder.events).containsExactly(
        "start ROUTE r",
        "attemptStart a/m-a m-a #1",
        "attemptEnd a/m-a #1 failed 503",
        "fallback from a/m-a",
        "attemptStart b m-b #2",
        "attemptEnd b #2 ok in=7 out=3 model=m-b-2025",
        "end SUCCESS b meta.target=b meta.attempts=2");
    assertThat(b.headers).containsExactly(Map.of("x-team", "core", "traceparent", "00-trace-span-01"));
    assertThat(engine.listenerFailures()).isZero();
  }

  @Test
  void aScheduledRetryIsHeardWithItsWait() {
    MockProvider a = MockProvider.builder("a").reply("from a")
        .failures(FailurePlan.sequence(503).withRetryAfter(Duration.ofSeconds(3))).build();
    RetryPolicy retry = RetryPolicy.builder().maxAttempts(2).build();
    Map<String, Strategy> routes = Map.of("r",
        Strategy.single(Target.builder("a").provider("a").model("m-a").retry(retry).build()));
    ChatResponse r = engine(recorder, routes, a).route(ask("r"), RequestOptions.none());
    assertThat(r.text()).isEqualTo("from a");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(recorder.events).containsExactly(
        "start ROUTE r",
        "attemptStart a m-a #1",
        "attemptEnd a #1 failed 503",
        "retry a #2 after 3000 ms (503)",
        "attemptStart a m-a #2",
        "attemptEnd a #2 ok in=" + r.usage().inputTokens() + " out=" + r.usage().outputTokens() + " model=m-a",
        "end SUCCESS a meta.target=a meta.attempts=2");
  }

  @Test
  void aStreamReportsItsFirstChunkAndEveryChunkTheCallerGets() {
    MockProvider a = MockProvider.builder("a").reply("one two three").chunks(3).build();
    ChatStream stream = engine(recorder, Map.of("r", Strategy.single(Target.of("a", "m-a"))), a)
        .routeStream(ask("r"), RequestOptions.none());
    List<ChatChunk> seen = new ArrayList<>();
    for (Iterator<ChatChunk> it = stream.iterator(); it.hasNext(); ) {
      seen.add(it.next());
    }
    stream.finished().join();
    assertThat(recorder.chunks).containsExactlyElementsOf(seen);
    assertThat(recorder.firstChunks).containsExactly(seen.get(0));
    assertThat(recorder.events).startsWith("start STREAM r", "attemptStart a/m-a m-a #1")
        .endsWith("end SUCCESS a/m-a meta.target=a/m-a meta.attempts=1");
  }

  @Test
  void aThrowingObserverNeverFailsTheCallAndIsCounted() {
    CallListener throwing = (door, exchange) -> new CallObserver() {
      @Override
      public void attemptStart(TargetInfo target, int attempt, OutboundHeaders headers) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void attemptEnd(TargetInfo target, int attempt, Duration latency, @Nullable Usage usage,
          @Nullable String responseModel, @Nullable GatewayException error) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void end(Outcome outcome, ResponseMetadata metadata) {
        throw new IllegalStateException("boom");
      }
    };
    Engine e = engine(throwing, Map.of("r", Strategy.single(Target.builder("b").provider("b").model("m-b").build())), new FixedProvider("b"));
    assertThat(e.route(ask("r"), RequestOptions.none()).text()).isEqualTo("from b");
    assertThat(e.listenerFailures()).isEqualTo(3);
  }

  @Test
  void aListenerThatThrowsOnStartIsSkippedForThatCall() {
    CallListener throwing = (door, exchange) -> {
      throw new IllegalStateException("boom");
    };
    Engine e = engine(throwing, Map.of("r", Strategy.single(Target.builder("b").provider("b").model("m-b").build())), new FixedProvider("b"));
    assertThat(e.route(ask("r"), RequestOptions.none()).text()).isEqualTo("from b");
    assertThat(e.listenerFailures()).isEqualTo(1);
  }

  @Test
  void nothingListeningMeansTheSharedNoOpObserver() {
    AtomicLong failures = new AtomicLong();
    assertThat(GuardedObserver.start(CallListener.NOOP, Exchange.Door.ROUTE, null, failures))
        .isSameAs(CallObserver.NOOP);
    CallListener skipping = (door, exchange) -> CallObserver.NOOP;
    assertThat(GuardedObserver.start(skipping, Exchange.Door.ROUTE, null, failures)).isSameAs(CallObserver.NOOP);
    assertThat(failures).hasValue(0);
  }

  /** Records every callback as a line. */
  private static final class Recorder implements CallListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    final List<ChatChunk> firstChunks = new CopyOnWriteArrayList<>();

    @Override
    public CallObserver start(Exchange.Door door, Exchange exchange) {
      events.add("start " + door + " " + exchange.requestedModel());
      return new CallObserver() {
        @Override
        public void attemptStart(TargetInfo target, int attempt, OutboundHeaders headers) {
          events.add("attemptStart " + target.name() + " " + target.model() + " #" + attempt);
          headers.put("traceparent", "00-trace-span-01");
        }

        @Override
        public void attemptEnd(TargetInfo target, int attempt, Duration latency, @Nullable Usage usage,
            @Nullable String responseModel, @Nullable GatewayException error) {
          events.add("attemptEnd " + target.name() + " #" + attempt + (error == null
              ? " ok in=" + usage.inputTokens() + " out=" + usage.outputTokens() + " model=" + responseModel
              : " failed " + ((ProviderException) error).status()));
        }

        @Override
        public void retryScheduled(TargetInfo target, int nextAttempt, Duration wait, GatewayException error) {
          events.add("retry " + target.name() + " #" + nextAttempt + " after " + wait.toMillis() + " ms ("
              + ((ProviderException) error).status() + ")");
        }

        @Override
        public void fallbackTaken(String fromTarget, GatewayException error) {
          events.add("fallback from " + fromTarget);
        }

        @Override
        public void firstChunk(ChatChunk chunk) {
          firstChunks.add(chunk);
        }

        @Override
        public void chunk(ChatChunk chunk) {
          chunks.add(chunk);
        }

        @Override
        public void end(Outcome outcome, ResponseMetadata metadata) {
          events.add("end " + outcome.status() + " " + outcome.target() + " meta.target=" + metadata.target()
              + " meta.attempts=" + metadata.attempts().size());
        }
      };
    }
  }

  /** Answers "from NAME" with fixed usage and model, recording the headers of each call. */
  private static final class FixedProvider implements Provider {
    private final String name;
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    FixedProvider(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<Capability> capabilities() {
      return EnumSet.allOf(Capability.class);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ProviderCall call) {
      calls.incrementAndGet();
      headers.add(new LinkedHashMap<>(call.headers()));
      return ChatResponse.builder().id("r-" + name).model(call.model() + "-2025")
          .addChoice(Choice.of(0, Message.assistant("from " + name), FinishReason.STOP))
          .usage(Usage.of(7, 3)).build();
    }

    @Override
    public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
      throw new UnsupportedOperationException("chat only");
    }
  }
}
