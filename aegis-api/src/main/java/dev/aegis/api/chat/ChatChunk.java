package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One increment of a streamed answer, for one choice: a text, refusal, reasoning or tool-call
 * delta, and on the last chunks the finish reason and the usage. A provider chunk that carries
 * several choices is split into one {@code ChatChunk} per choice.
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
  private final @Nullable String text;
  private final @Nullable String refusal;
  private final @Nullable String reasoning;
  private final @Nullable String reasoningSignature;
  private final @Nullable String reasoningRedacted;
  private final List<ToolCallDelta> toolCalls;
  private final @Nullable FinishReason finishReason;
  private final @Nullable Usage usage;
  private final List<TokenLogprob> logprobs;

  private ChatChunk(Builder b) {
    id = Checks.notNull(b.id, "id");
    model = Checks.notNull(b.model, "model");
    index = Checks.nonNegative(b.index, "index");
    role = b.role;
    text = b.text;
    refusal = b.refusal;
    reasoning = b.reasoning;
    reasoningSignature = b.reasoningSignature;
    reasoningRedacted = b.reasoningRedacted;
    toolCalls = Checks.copyOf(b.toolCalls, "toolCalls");
    finishReason = b.finishReason;
    usage = b.usage;
    logprobs = Checks.copyOf(b.logprobs, "logprobs");
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

  /** The text delta; empty for a chunk without text (the role chunk, the usage chunk), never {@code null}. */
  public String text() {
    return text == null ? "" : text;
  }

  /** A refusal delta, or {@code null}. */
  public @Nullable String refusal() {
    return refusal;
  }

  /** A reasoning text delta, or {@code null}. */
  public @Nullable String reasoning() {
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

  public List<TokenLogprob> logprobs() {
    return logprobs;
  }

  /**
   * Whether this chunk carries content for the caller: non-empty text, refusal or reasoning, a
   * reasoning signature, redacted reasoning, or a tool-call delta. The first such chunk is the stream's commit point.
   */
  public boolean hasContent() {
    return (text != null && !text.isEmpty())
        || (refusal != null && !refusal.isEmpty())
        || (reasoning != null && !reasoning.isEmpty())
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
        && Objects.equals(text, c.text) && Objects.equals(refusal, c.refusal)
        && Objects.equals(reasoning, c.reasoning)
        && Objects.equals(reasoningSignature, c.reasoningSignature)
        && Objects.equals(reasoningRedacted, c.reasoningRedacted)
        && toolCalls.equals(c.toolCalls) && finishReason == c.finishReason
        && Objects.equals(usage, c.usage) && logprobs.equals(c.logprobs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, model, index, role, text, refusal, reasoning, reasoningSignature,
        reasoningRedacted, toolCalls, finishReason, usage, logprobs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ChatChunk{").append(index);
    if (role != null) sb.append(", role=").append(role.wireName());
    if (text != null) sb.append(", text=").append(text.length()).append(" chars");
    if (refusal != null) sb.append(", refusal");
    if (reasoning != null) sb.append(", reasoning=").append(reasoning.length()).append(" chars");
    if (reasoningRedacted != null) sb.append(", redactedReasoning");
    if (!toolCalls.isEmpty()) sb.append(", toolCalls=").append(toolCalls.size());
    if (finishReason != null) sb.append(", finish=").append(finishReason.wireName());
    if (usage != null) sb.append(", usage=").append(usage);
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

    public ChatChunk build() {
      return new ChatChunk(this);
    }
  }
}
