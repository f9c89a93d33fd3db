package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One increment of a streamed answer, for one choice: a text, refusal, reasoning or tool-call
 * delta, and on the last chunks the finish reason and the usage. A provider chunk that carries
 * several choices is split into one {@code ChatChunk} per choice.
 *
 * <p>Text, refusal and reasoning deltas are never {@code null}: a chunk without one (the role
 * chunk, the usage chunk) returns an empty string, so
 * {@code stream.iterator().forEachRemaining(c -> System.out.print(c.text()))} prints just the answer.
 *
 * <p>The stream's <em>commit point</em> is the first chunk for which {@link #hasContent()} is
 * true: before it the gateway may still retry or fall back; after it, never.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatChunk {
  private final String id;
  private final String model;
  private final int index;
  private final @Nullable Role role;
  private final String text;
  private final String refusal;
  private final String reasoning;
  private final @Nullable String reasoningSignature;
  private final @Nullable String reasoningRedacted;
  private final List<ToolCallDelta> toolCalls;
  private final @Nullable FinishReason finishReason;
  private final @Nullable Usage usage;
  private final List<TokenLogprob> logprobs;
  private final Map<String, @Nullable Object> extras;

  private ChatChunk(Builder b) {
    id = Checks.notNull(b.id, "id");
    model = Checks.notNull(b.model, "model");
    index = Checks.nonNegative(b.index, "index");
    role = b.role;
    text = b.text == null ? "" : b.text;
    refusal = b.refusal == null ? "" : b.refusal;
    reasoning = b.reasoning == null ? "" : b.reasoning;
    reasoningSignature = b.reasoningSignature;
    reasoningRedacted = b.reasoningRedacted;
    toolCalls = Checks.copyOf(b.toolCalls, "toolCalls");
    finishReason = b.finishReason;
    usage = b.usage;
    logprobs = Checks.copyOf(b.logprobs, "logprobs");
    extras = Checks.copyOf(b.extras, "extras", true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder for another chunk of the same response and choice. */
  public static Builder builder(String id, String model) {
    return new Builder().id(id).model(model);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The response id (equal on every chunk of one answer). */
  public String id() {
    return id;
  }

  public String model() {
    return model;
  }

  /** The choice this chunk belongs to. */
  public int index() {
    return index;
  }

  /** The role, on the first chunk of a choice; else {@code null}. */
  public @Nullable Role role() {
    return role;
  }

  /** The text delta; empty when this chunk carries none, never {@code null}. */
  public String text() {
    return text;
  }

  /** The refusal delta; empty when this chunk carries none, never {@code null}. */
  public String refusal() {
    return refusal;
  }

  /** The reasoning text delta; empty when this chunk carries none, never {@code null}. */
  public String reasoning() {
    return reasoning;
  }

  /** The signature of the current reasoning block, when the provider sends it; else {@code null}. */
  public @Nullable String reasoningSignature() {
    return reasoningSignature;
  }

  /**
   * A whole redacted (encrypted) reasoning block to echo back unchanged in a later turn
   * (Anthropic {@code redacted_thinking}, Bedrock {@code redactedContent}), or {@code null}.
   */
  public @Nullable String reasoningRedacted() {
    return reasoningRedacted;
  }

  public List<ToolCallDelta> toolCalls() {
    return toolCalls;
  }

  /** Set on the choice's last content chunk. */
  public @Nullable FinishReason finishReason() {
    return finishReason;
  }

  /** The whole answer's usage, on (usually) the last chunk; else {@code null}. */
  public @Nullable Usage usage() {
    return usage;
  }

  /** Per-token log probabilities of this delta, never null. */
  public List<TokenLogprob> logprobs() {
    return logprobs;
  }

  /**
   * Provider data on this chunk that the normalized form does not model (Azure's per-chunk
   * {@code content_filter_results}, Groq's {@code x_groq}), as JSON-compatible values; never null.
   */
  public Map<String, @Nullable Object> extras() {
    return extras;
  }

  /**
   * Whether this chunk carries content for the caller: non-empty text, refusal or reasoning, a
   * reasoning signature, redacted reasoning, or a tool-call delta. The first such chunk is the stream's commit point.
   */
  public boolean hasContent() {
    return !text.isEmpty() || !refusal.isEmpty() || !reasoning.isEmpty()
        || reasoningSignature != null
        || reasoningRedacted != null
        || !toolCalls.isEmpty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ChatChunk)) return false;
    ChatChunk c = (ChatChunk) o;
    return index == c.index && id.equals(c.id) && model.equals(c.model) && role == c.role
        && text.equals(c.text) && refusal.equals(c.refusal) && reasoning.equals(c.reasoning)
        && Objects.equals(reasoningSignature, c.reasoningSignature)
        && Objects.equals(reasoningRedacted, c.reasoningRedacted)
        && toolCalls.equals(c.toolCalls) && finishReason == c.finishReason
        && Objects.equals(usage, c.usage) && logprobs.equals(c.logprobs) && extras.equals(c.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, model, index, role, text, refusal, reasoning, reasoningSignature,
        reasoningRedacted, toolCalls, finishReason, usage, logprobs, extras);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ChatChunk{").append(index);
    if (role != null) sb.append(", role=").append(role.wireName());
    if (!text.isEmpty()) sb.append(", text=").append(text.length()).append(" chars");
    if (!refusal.isEmpty()) sb.append(", refusal");
    if (!reasoning.isEmpty()) sb.append(", reasoning=").append(reasoning.length()).append(" chars");
    if (reasoningRedacted != null) sb.append(", redactedReasoning");
    if (!toolCalls.isEmpty()) sb.append(", toolCalls=").append(toolCalls.size());
    if (finishReason != null) sb.append(", finish=").append(finishReason.wireName());
    if (usage != null) sb.append(", usage=").append(usage);
    if (!extras.isEmpty()) sb.append(", extras=").append(extras.keySet());
    return sb.append('}').toString();
  }

  /** Builds a {@link ChatChunk}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String model;
    private int index;
    private @Nullable Role role;
    private @Nullable String text;
    private @Nullable String refusal;
    private @Nullable String reasoning;
    private @Nullable String reasoningSignature;
    private @Nullable String reasoningRedacted;
    private final List<ToolCallDelta> toolCalls = new ArrayList<>(0);
    private @Nullable FinishReason finishReason;
    private @Nullable Usage usage;
    private final List<TokenLogprob> logprobs = new ArrayList<>(0);
    private final Map<String, @Nullable Object> extras = new LinkedHashMap<>(0);

    private Builder() {}

    private Builder(ChatChunk c) {
      id = c.id;
      model = c.model;
      index = c.index;
      role = c.role;
      text = c.text;
      refusal = c.refusal;
      reasoning = c.reasoning;
      reasoningSignature = c.reasoningSignature;
      reasoningRedacted = c.reasoningRedacted;
      toolCalls.addAll(c.toolCalls);
      finishReason = c.finishReason;
      usage = c.usage;
      logprobs.addAll(c.logprobs);
      extras.putAll(c.extras);
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder index(int index) {
      this.index = index;
      return this;
    }

    public Builder role(@Nullable Role role) {
      this.role = role;
      return this;
    }

    public Builder text(@Nullable String text) {
      this.text = text;
      return this;
    }

    public Builder refusal(@Nullable String refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder reasoning(@Nullable String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    public Builder reasoningSignature(@Nullable String signature) {
      this.reasoningSignature = signature;
      return this;
    }

    public Builder reasoningRedacted(@Nullable String redacted) {
      this.reasoningRedacted = redacted;
      return this;
    }

    public Builder addToolCall(ToolCallDelta delta) {
      toolCalls.add(Checks.notNull(delta, "toolCall"));
      return this;
    }

    public Builder toolCalls(List<ToolCallDelta> deltas) {
      toolCalls.clear();
      for (ToolCallDelta d : Checks.notNull(deltas, "toolCalls")) {
        addToolCall(d);
      }
      return this;
    }

    public Builder finishReason(@Nullable FinishReason finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    public Builder usage(@Nullable Usage usage) {
      this.usage = usage;
      return this;
    }

    public Builder logprobs(List<TokenLogprob> logprobs) {
      this.logprobs.clear();
      this.logprobs.addAll(Checks.notNull(logprobs, "logprobs"));
      return this;
    }

    /** Adds a provider field (a JSON-compatible value). */
    public Builder extra(String name, @Nullable Object value) {
      extras.put(Checks.notNull(name, "extra name"), value);
      return this;
    }

    /** Replaces the provider fields. */
    public Builder extras(Map<String, ?> extras) {
      this.extras.clear();
      Checks.notNull(extras, "extras").forEach(this::extra);
      return this;
    }

    public ChatChunk build() {
      return new ChatChunk(this);
    }
  }
}
