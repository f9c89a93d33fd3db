package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat request in the normalized (OpenAI chat completions) format.
 *
 * <p>{@code model} names what the application asks for: a model alias configured on the gateway
 * ({@code "smart"}) or a provider model name; {@code null} selects the default route. Every
 * sampling parameter is optional: {@code null} means "the provider's default". Parameters this
 * type does not model travel in {@link #extras()} and are passed through to the provider as JSON.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("smart")
 *     .addMessage(Message.system("Answer in one word."))
 *     .addMessage(Message.user("Capital of France?"))
 *     .temperature(0.2)
 *     .maxTokens(16)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatRequest {
  private final @Nullable String model;
  private final List<Message> messages;
  private final @Nullable Double temperature;
  private final @Nullable Double topP;
  private final @Nullable Integer topK;
  private final @Nullable Integer maxTokens;
  private final List<String> stop;
  private final @Nullable Integer n;
  private final @Nullable Long seed;
  private final @Nullable Double presencePenalty;
  private final @Nullable Double frequencyPenalty;
  private final @Nullable Boolean logprobs;
  private final @Nullable Integer topLogprobs;
  private final @Nullable String user;
  private final List<Tool> tools;
  private final @Nullable ToolChoice toolChoice;
  private final @Nullable Boolean parallelToolCalls;
  private final @Nullable ResponseFormat responseFormat;
  private final @Nullable String reasoningEffort;
  private final Map<String, @Nullable Object> extras;

  private ChatRequest(Builder b) {
    this.model = b.model;
    this.messages = Checks.copyOf(b.messages, "messages");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    this.temperature = b.temperature;
    this.topP = b.topP;
    this.topK = b.topK;
    this.maxTokens = b.maxTokens;
    this.stop = Checks.copyOf(b.stop, "stop");
    this.n = b.n;
    this.seed = b.seed;
    this.presencePenalty = b.presencePenalty;
    this.frequencyPenalty = b.frequencyPenalty;
    this.logprobs = b.logprobs;
    this.topLogprobs = b.topLogprobs;
    this.user = b.user;
    this.tools = Checks.copyOf(b.tools, "tools");
    this.toolChoice = b.toolChoice;
    this.parallelToolCalls = b.parallelToolCalls;
    this.responseFormat = b.responseFormat;
    this.reasoningEffort = b.reasoningEffort;
    this.extras = Checks.copyOf(b.extras, "extras", true);
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive but was " + maxTokens);
    }
    if (n != null && n <= 0) {
      throw new IllegalArgumentException("n must be positive but was " + n);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The requested model or alias, or {@code null} for the default route. */
  public @Nullable String model() {
    return model;
  }

  /** The conversation, never empty. */
  public List<Message> messages() {
    return messages;
  }

  public @Nullable Double temperature() {
    return temperature;
  }

  public @Nullable Double topP() {
    return topP;
  }

  /** Top-k sampling (Anthropic, Gemini, Ollama; ignored by OpenAI). */
  public @Nullable Integer topK() {
    return topK;
  }

  /** The maximum number of output tokens (OpenAI's {@code max_completion_tokens}). */
  public @Nullable Integer maxTokens() {
    return maxTokens;
  }

  /** Stop sequences, never null. */
  public List<String> stop() {
    return stop;
  }

  /** How many choices to generate. */
  public @Nullable Integer n() {
    return n;
  }

  public @Nullable Long seed() {
    return seed;
  }

  public @Nullable Double presencePenalty() {
    return presencePenalty;
  }

  public @Nullable Double frequencyPenalty() {
    return frequencyPenalty;
  }

  public @Nullable Boolean logprobs() {
    return logprobs;
  }

  public @Nullable Integer topLogprobs() {
    return topLogprobs;
  }

  /** An end-user id for the provider's abuse monitoring. */
  public @Nullable String user() {
    return user;
  }

  public List<Tool> tools() {
    return tools;
  }

  public @Nullable ToolChoice toolChoice() {
    return toolChoice;
  }

  public @Nullable Boolean parallelToolCalls() {
    return parallelToolCalls;
  }

  public @Nullable ResponseFormat responseFormat() {
    return responseFormat;
  }

  /** Reasoning effort for reasoning models ({@code minimal}, {@code low}, {@code medium}, {@code high}). */
  public @Nullable String reasoningEffort() {
    return reasoningEffort;
  }

  /**
   * Provider parameters this type does not model, as JSON-compatible values (String, Number,
   * Boolean, null, List, Map); passed through to the provider unchanged. Never null.
   */
  public Map<String, @Nullable Object> extras() {
    return extras;
  }

  /** Whether any message carries an image. */
  public boolean hasImages() {
    for (Message m : messages) {
      if (m.hasImages()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ChatRequest)) return false;
    ChatRequest r = (ChatRequest) o;
    return Objects.equals(model, r.model) && messages.equals(r.messages)
        && Objects.equals(temperature, r.temperature) && Objects.equals(topP, r.topP)
        && Objects.equals(topK, r.topK) && Objects.equals(maxTokens, r.maxTokens)
        && stop.equals(r.stop) && Objects.equals(n, r.n) && Objects.equals(seed, r.seed)
        && Objects.equals(presencePenalty, r.presencePenalty)
        && Objects.equals(frequencyPenalty, r.frequencyPenalty)
        && Objects.equals(logprobs, r.logprobs) && Objects.equals(topLogprobs, r.topLogprobs)
        && Objects.equals(user, r.user) && tools.equals(r.tools)
        && Objects.equals(toolChoice, r.toolChoice)
        && Objects.equals(parallelToolCalls, r.parallelToolCalls)
        && Objects.equals(responseFormat, r.responseFormat)
        && Objects.equals(reasoningEffort, r.reasoningEffort) && extras.equals(r.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, messages, temperature, topP, topK, maxTokens, stop, n, seed,
        presencePenalty, frequencyPenalty, logprobs, topLogprobs, user, tools, toolChoice,
        parallelToolCalls, responseFormat, reasoningEffort, extras);
  }

  /** A summary without message contents: prompts are not printed unless the host does so itself. */
  @Override
  public String toString() {
    return "ChatRequest{model=" + model + ", messages=" + messages.size() + ", tools=" + tools.size()
        + (maxTokens == null ? "" : ", maxTokens=" + maxTokens)
        + (temperature == null ? "" : ", temperature=" + temperature)
        + (extras.isEmpty() ? "" : ", extras=" + extras.keySet()) + '}';
  }

  /** Builds a {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String model;
    private final List<Message> messages = new ArrayList<>();
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private @Nullable Integer maxTokens;
    private final List<String> stop = new ArrayList<>(0);
    private @Nullable Integer n;
    private @Nullable Long seed;
    private @Nullable Double presencePenalty;
    private @Nullable Double frequencyPenalty;
    private @Nullable Boolean logprobs;
    private @Nullable Integer topLogprobs;
    private @Nullable String user;
    private final List<Tool> tools = new ArrayList<>(0);
    private @Nullable ToolChoice toolChoice;
    private @Nullable Boolean parallelToolCalls;
    private @Nullable ResponseFormat responseFormat;
    private @Nullable String reasoningEffort;
    private final Map<String, @Nullable Object> extras = new LinkedHashMap<>(0);

    private Builder() {}

    private Builder(ChatRequest r) {
      model = r.model;
      messages.addAll(r.messages);
      temperature = r.temperature;
      topP = r.topP;
      topK = r.topK;
      maxTokens = r.maxTokens;
      stop.addAll(r.stop);
      n = r.n;
      seed = r.seed;
      presencePenalty = r.presencePenalty;
      frequencyPenalty = r.frequencyPenalty;
      logprobs = r.logprobs;
      topLogprobs = r.topLogprobs;
      user = r.user;
      tools.addAll(r.tools);
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      responseFormat = r.responseFormat;
      reasoningEffort = r.reasoningEffort;
      extras.putAll(r.extras);
    }

    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    public Builder addMessage(Message message) {
      messages.add(Checks.notNull(message, "message"));
      return this;
    }

    /** Replaces the messages. */
    public Builder messages(List<Message> messages) {
      this.messages.clear();
      for (Message m : Checks.notNull(messages, "messages")) {
        addMessage(m);
      }
      return this;
    }

    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(@Nullable Double topP) {
      this.topP = topP;
      return this;
    }

    public Builder topK(@Nullable Integer topK) {
      this.topK = topK;
      return this;
    }

    public Builder maxTokens(@Nullable Integer maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder stop(List<String> stop) {
      this.stop.clear();
      for (String s : Checks.notNull(stop, "stop")) {
        this.stop.add(Checks.notNull(s, "stop element"));
      }
      return this;
    }

    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder presencePenalty(@Nullable Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    public Builder logprobs(@Nullable Boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    public Builder topLogprobs(@Nullable Integer topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
    }

    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    public Builder addTool(Tool tool) {
      tools.add(Checks.notNull(tool, "tool"));
      return this;
    }

    public Builder tools(List<Tool> tools) {
      this.tools.clear();
      for (Tool t : Checks.notNull(tools, "tools")) {
        addTool(t);
      }
      return this;
    }

    public Builder toolChoice(@Nullable ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    public Builder reasoningEffort(@Nullable String reasoningEffort) {
      this.reasoningEffort = reasoningEffort;
      return this;
    }

    /** Adds a pass-through provider parameter (a JSON-compatible value). */
    public Builder extra(String name, @Nullable Object value) {
      extras.put(Checks.notNull(name, "extra name"), value);
      return this;
    }

    public Builder extras(Map<String, ?> extras) {
      this.extras.clear();
      Checks.notNull(extras, "extras").forEach(this::extra);
      return this;
    }

    public ChatRequest build() {
      return new ChatRequest(this);
    }
  }
}
