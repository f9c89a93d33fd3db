package dev.aegis.core;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A provider with a fixed answer ("Hello world", usage 12/5 with 4 cache-read, 2 cache-write and
 * 1 reasoning token, response id {@code chatcmpl-42}, model {@code gpt-4o-2024-08-06}) that moves
 * the fake clock by a fixed latency per call and per chunk, fails the first calls with the given
 * statuses, and records the headers each call carried.
 */
final class ScriptedProvider implements Provider {
  static final Usage USAGE = Usage.builder().inputTokens(12).outputTokens(5).cacheReadTokens(4)
      .cacheWriteTokens(2).reasoningTokens(1).build();
  static final String RESPONSE_MODEL = "gpt-4o-2024-08-06";

  private final String name;
  private final String type;
  private final @Nullable URI endpoint;
  private final FakeTime time;
  private final Duration latency;
  private final Duration chunkGap;
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final @Nullable String apiKey;
  final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private volatile boolean modelsFail;
  private volatile java.math.@Nullable BigDecimal cost;

  ScriptedProvider(String name, String type, @Nullable URI endpoint, FakeTime time, @Nullable String apiKey) {
    this.name = name;
    this.type = type;
    this.endpoint = endpoint;
    this.time = time;
    this.latency = Duration.ofMillis(250);
    this.chunkGap = Duration.ofMillis(100);
    this.apiKey = apiKey;
  }

  static ScriptedProvider openai(FakeTime time) {
    return new ScriptedProvider("openai", "openai", URI.create("https://api.openai.test/v1"), time,
        "sk-test-0123456789abcdef");
  }

  /**
   * {@code primary} on provider {@code openai} (model gpt-4o, two attempts) falling back to
   * {@code secondary} on provider {@code backup} (model claude).
   */
  static dev.aegis.core.routing.Strategy retryThenFallback() {
    return dev.aegis.core.routing.Strategy.fallback(
        dev.aegis.core.routing.Target.builder("primary").provider("openai").model("gpt-4o")
            .retry(dev.aegis.core.resilience.RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(10))
                .build()).build(),
        dev.aegis.core.routing.Target.builder("secondary").provider("backup").model("claude").build());
  }

  /** The next calls fail with these statuses, one each, in order. */
  synchronized ScriptedProvider failWith(int... statuses) {
    for (int s : statuses) {
      failures.add(s);
    }
    return this;
  }

  /** Answers carry this cost in their metadata (as a pricing plugin or provider would set it). */
  ScriptedProvider cost(java.math.BigDecimal cost) {
    this.cost = cost;
    return this;
  }

  void modelsFail(boolean fail) {
    this.modelsFail = fail;
  }

  @Override public String name() { return name; }
  @Override public String type() { return type; }
  @Override public @Nullable URI endpoint() { return endpoint; }
  @Override public Set<Capability> capabilities() { return EnumSet.allOf(Capability.class); }

  private void maybeFail() {
    Integer status;
    synchronized (this) {
      status = failures.poll();
    }
    if (status != null) {
      // like the real adapters: upstream text is scrubbed before it becomes a message
      throw ProviderException.of(ProviderError.of(name, status,
          Secrets.scrub("upstream refused the call with api_key=" + apiKey)));
    }
  }

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    headers.add(Map.copyOf(call.headers()));
    time.advance(latency);
    maybeFail();
    return ChatResponse.builder().id("chatcmpl-42").model(RESPONSE_MODEL)
        .addChoice(Choice.of(0, Message.assistant("Hello world"), FinishReason.STOP)).usage(USAGE)
        .metadata(dev.aegis.api.chat.ResponseMetadata.builder().cost(cost).build()).build();
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    headers.add(Map.copyOf(call.headers()));
    time.advance(chunkGap);
    maybeFail();
    sink.emit(ChatChunk.builder("chatcmpl-42", RESPONSE_MODEL).role(Role.ASSISTANT).text("Hello").build());
    time.advance(chunkGap);
    sink.emit(ChatChunk.builder("chatcmpl-42", RESPONSE_MODEL).text(" world").build());
    time.advance(chunkGap);
    sink.emit(ChatChunk.builder("chatcmpl-42", RESPONSE_MODEL).finishReason(FinishReason.STOP).usage(USAGE).build());
  }

  @Override
  public List<ModelInfo> models(ProviderCall call) {
    if (modelsFail) {
      throw ProviderException.of(ProviderError.of(name, 503, "models endpoint is down"));
    }
    return List.of(ModelInfo.chat("gpt-4o", name));
  }
}
