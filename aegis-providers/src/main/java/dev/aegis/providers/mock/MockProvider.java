package dev.aegis.providers.mock;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Health;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic provider that needs no network and no key: canned or echoed answers (the
 * streamed and the whole answer have the same text), realistic usage counts, configurable
 * latency and jitter, failures by sequence or probability, mid-stream failures, streaming in N
 * chunks with a delay between them, tool calls, and deterministic embeddings. It honours the
 * call's deadline and cancellation like a real adapter, and counts calls and cancellations so
 * tests can assert on them.
 *
 * <pre>{@code
 * MockProvider mock = MockProvider.builder("mock")
 *     .reply("Hello!")
 *     .chunks(5)
 *     .failures(FailurePlan.sequence(503))   // first call fails, then succeeds
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MockProvider implements Provider {
  /** The reply when none is configured. */
  public static final String DEFAULT_REPLY = "Hello from the Aegis mock provider. Every word here is canned.";

  private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

  private final String name;
  private final MockScript script;
  private final MockPacing pacing;
  private final String model;
  private final Duration latency;
  private final Duration jitter;
  private final @Nullable SplittableRandom jitterRandom;
  private final int chunks;
  private final Duration chunkDelay;
  private final FailurePlan failures;
  private final int failAfterChunks;
  private final int embeddingDimensions;
  private final @Nullable CountDownLatch gate;
  private final @Nullable Consumer<ChatRequest> onCall;
  private final Clock clock;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger streams = new AtomicInteger();
  private final AtomicInteger cancellations = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();

  private MockProvider(Builder b) {
    name = b.name;
    script = new MockScript(b.reply, b.toolName, b.toolArguments);
    pacing = new MockPacing(b.name);
    model = b.model;
    latency = b.latency;
    jitter = b.jitter;
    jitterRandom = b.jitter.isZero() ? null : new SplittableRandom(b.seed);
    chunks = b.chunks;
    chunkDelay = b.chunkDelay;
    failures = b.failures;
    failAfterChunks = b.failAfterChunks;
    embeddingDimensions = b.embeddingDimensions;
    gate = b.gate;
    onCall = b.onCall;
    clock = b.clock;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "mock";
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  // ---------------------------------------------------------------- chat

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    calls.incrementAndGet();
    try {
      prepare(request, call);
    } catch (CancellationException e) {
      cancellations.incrementAndGet();
      throw e;
    }
    MockScript.Answer a = script.answer(request);
    ChatResponse.Builder r = ChatResponse.builder().id(a.id()).model(call.model())
        .created(clock.instant().getEpochSecond()).usage(a.usage());
    Message.Builder m = Message.builder(Role.ASSISTANT);
    if (a.tool() != null) {
      m.addToolCall(a.tool());
    } else {
      m.addText(a.text());
    }
    completed.incrementAndGet();
    return r.addChoice(Choice.of(0, m.build(), a.finish())).build();
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    calls.incrementAndGet();
    streams.incrementAndGet();
    String model = call.model();
    try {
      prepare(request, call);
      MockChunks out = new MockChunks(script.answer(request), model, chunks);
      int last = out.size() - 1;
      for (int i = 0; i <= last; i++) {
        maybeFailMidStream(i);
        sink.emit(out.get(i));
        if (i < last) pacing.pause(chunkDelay, call);
      }
      sink.emit(out.usage());
      completed.incrementAndGet();
    } catch (CancellationException e) {
      cancellations.incrementAndGet();
      throw e;
    }
  }

  private void maybeFailMidStream(int emitted) {
    if (failAfterChunks >= 0 && emitted == failAfterChunks) {
      throw MockErrors.midStream(name, emitted);
    }
  }

  /** Waits (gate, latency), notifies the listener and applies the failure plan. */
  private void prepare(ChatRequest request, ProviderCall call) {
    if (onCall != null) {
      onCall.accept(request);
    }
    if (gate != null) {
      pacing.awaitGate(gate, call);
    }
    pacing.pause(latency.plus(jitter()), call);
    int status = failures.next();
    if (status == FailurePlan.CONNECTION_RESET) {
      throw MockErrors.connectionReset(name);
    }
    if (status > 0) {
      throw MockErrors.planned(name, status, failures, calls.get());
    }
  }

  private Duration jitter() {
    if (jitterRandom == null) {
      return Duration.ZERO;
    }
    long bound = jitter.toNanos();
    long n;
    synchronized (jitterRandom) { // guards no I/O: SplittableRandom is not thread-safe
      n = jitterRandom.nextLong(bound + 1);
    }
    return Duration.ofNanos(n);
  }

  // ---------------------------------------------------------------- embeddings, models

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    calls.incrementAndGet();
    try {
      pacing.pause(latency, call);
    } catch (CancellationException e) {
      cancellations.incrementAndGet();
      throw e;
    }
    int status = failures.next();
    if (status >= 0) {
      throw ProviderException.of(ProviderError.of(name, status, "mock failure " + status));
    }
    List<Embedding> out = new ArrayList<>(request.inputs().size());
    int dims = request.dimensions() != null ? request.dimensions() : embeddingDimensions;
    int tokens = 0;
    for (int i = 0; i < request.inputs().size(); i++) {
      String text = request.inputs().get(i);
      tokens += TokenEstimator.CHARS_DIV_4.estimate(text, null);
      out.add(Embedding.of(i, vector(text, dims)));
    }
    completed.incrementAndGet();
    return EmbeddingResponse.builder().model(call.model()).embeddings(out).usage(Usage.of(tokens, 0)).build();
  }

  /** A unit vector determined by the text alone. */
  static float[] vector(String text, int dims) {
    SplittableRandom r = new SplittableRandom(text.hashCode());
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < dims; i++) {
      v[i] *= scale;
    }
    return v;
  }

  @Override
  public List<ModelInfo> models(ProviderCall call) {
    return List.of(ModelInfo.chat(model, name));
  }

  @Override
  public Health health() {
    return Health.UP;
  }

  // ---------------------------------------------------------------- counters

  /** Chat, stream and embedding calls received. */
  public int calls() {
    return calls.get();
  }

  /** Stream calls received. */
  public int streamCalls() {
    return streams.get();
  }

  /** Calls that noticed their cancellation. */
  public int cancellations() {
    return cancellations.get();
  }

  /** Calls that answered successfully. */
  public int completed() {
    return completed.get();
  }

  @Override
  public String toString() {
    return "MockProvider{" + name + '}';
  }

  /** Builds a {@link MockProvider}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable String reply = DEFAULT_REPLY;
    private String model = "mock-1";
    private Duration latency = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private long seed = 1;
    private int chunks = 8;
    private Duration chunkDelay = Duration.ZERO;
    private FailurePlan failures = FailurePlan.none();
    private int failAfterChunks = -1;
    private @Nullable String toolName;
    private String toolArguments = "{}";
    private int embeddingDimensions = 8;
    private @Nullable CountDownLatch gate;
    private @Nullable Consumer<ChatRequest> onCall;
    private Clock clock = Clock.systemUTC();

    private Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    /** Answers every request with this text. */
    public Builder reply(String text) {
      this.reply = Checks.notNull(text, "text");
      return this;
    }

    /** Answers with the last user message's text. */
    public Builder echo() {
      this.reply = null;
      return this;
    }

    /** The model name reported when a target sets none. */
    public Builder model(String model) {
      this.model = Checks.notBlank(model, "model");
      return this;
    }

    /** A fixed delay before answering (the time to first byte). */
    public Builder latency(Duration latency) {
      this.latency = Checks.notNull(latency, "latency");
      return this;
    }

    /** A random extra delay in {@code [0, jitter]}, reproducible from {@code seed}. */
    public Builder jitter(Duration jitter, long seed) {
      this.jitter = Checks.notNull(jitter, "jitter");
      this.seed = seed;
      return this;
    }

    /** How many text chunks a stream has (at most). */
    public Builder chunks(int chunks) {
      if (chunks < 1) {
        throw new IllegalArgumentException("chunks must be at least 1 but was " + chunks);
      }
      this.chunks = chunks;
      return this;
    }

    /** A delay between stream chunks. */
    public Builder chunkDelay(Duration delay) {
      this.chunkDelay = Checks.notNull(delay, "delay");
      return this;
    }

    public Builder failures(FailurePlan plan) {
      this.failures = Checks.notNull(plan, "plan");
      return this;
    }

    /** Streams fail with a 500-like error after emitting {@code k} chunks (0: before the first). */
    public Builder failAfterChunks(int k) {
      this.failAfterChunks = Checks.nonNegative(k, "k");
      return this;
    }

    /** When the request offers tools, call this one (until a tool result arrives). */
    public Builder toolCall(String name, String argumentsJson) {
      this.toolName = Checks.notBlank(name, "name");
      this.toolArguments = Checks.notNull(argumentsJson, "argumentsJson");
      return this;
    }

    public Builder embeddingDimensions(int dimensions) {
      if (dimensions < 1) {
        throw new IllegalArgumentException("dimensions must be at least 1 but was " + dimensions);
      }
      this.embeddingDimensions = dimensions;
      return this;
    }

    /** Every call waits until the latch opens (or the call is cancelled or times out). */
    public Builder gate(CountDownLatch gate) {
      this.gate = Checks.notNull(gate, "gate");
      return this;
    }

    /** Notified with every request before the mock waits or answers. */
    public Builder onCall(Consumer<ChatRequest> listener) {
      this.onCall = Checks.notNull(listener, "listener");
      return this;
    }

    /** The clock for the {@code created} timestamp (fix it for byte-identical answers). */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    public MockProvider build() {
      return new MockProvider(this);
    }
  }
}
