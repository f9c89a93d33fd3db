package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles stream chunks into the {@link ChatResponse} they spell: text, refusal and reasoning
 * deltas are concatenated per choice, tool-call fragments are joined by index (the first
 * signature of a call wins), the last finish reason and the last usage win, and the chunks'
 * provider extras are merged into the choice's (a later value for a key replaces an earlier one).
 *
 * <pre>{@code
 * ChatResponseAccumulator acc = new ChatResponseAccumulator();
 * for (ChatChunk chunk : chunks) acc.add(chunk);
 * ChatResponse response = acc.toResponse();
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread at a time.
 */
public final class ChatResponseAccumulator {
  private @Nullable String id;
  private @Nullable String model;
  private @Nullable Usage usage;
  private final Map<Integer, ChoiceState> choices = new TreeMap<>();
  private int chunks;

  /** Adds the next chunk. */
  public void add(ChatChunk chunk) {
    Checks.notNull(chunk, "chunk");
    chunks++;
    if (id == null) {
      id = chunk.id();
      model = chunk.model();
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
    boolean usageOnly = chunk.usage() != null && !chunk.hasContent() && chunk.finishReason() == null
        && chunk.role() == null;
    if (usageOnly && !choices.containsKey(chunk.index())) {
      return;
    }
    choices.computeIfAbsent(chunk.index(), i -> new ChoiceState()).add(chunk);
  }

  /** How many chunks were added. */
  public int chunkCount() {
    return chunks;
  }

  /** The finish reason of choice 0 seen so far, or {@code null}. */
  public @Nullable FinishReason finishReason() {
    ChoiceState c = choices.get(0);
    return c == null ? null : c.finishReason;
  }

  /** Whether every choice seen so far has a finish reason (and at least one was seen). */
  public boolean finished() {
    if (choices.isEmpty()) {
      return false;
    }
    for (ChoiceState c : choices.values()) {
      if (c.finishReason == null) {
        return false;
      }
    }
    return true;
  }

  /** The usage seen so far, or {@code null}. */
  public @Nullable Usage usage() {
    return usage;
  }

  /** The text of choice 0 so far. */
  public String text() {
    ChoiceState c = choices.get(0);
    return c == null ? "" : c.text.toString();
  }

  /**
   * The response assembled so far.
   *
   * @throws IllegalStateException if no chunk was added
   */
  public ChatResponse toResponse() {
    if (id == null || model == null) {
      throw new IllegalStateException("no chunks were added");
    }
    ChatResponse.Builder b = ChatResponse.builder().id(id).model(model)
        .usage(usage == null ? Usage.ZERO : usage);
    if (choices.isEmpty()) {
      b.addChoice(Choice.of(0, Message.builder(Role.ASSISTANT).build(), null));
    }
    choices.forEach((index, c) -> b.addChoice(c.toChoice(index)));
    return b.build();
  }

  private static final class ChoiceState {
    final StringBuilder text = new StringBuilder();
    @Nullable StringBuilder refusal;
    final List<Reasoning> reasoningBlocks = new ArrayList<>(0);
    @Nullable StringBuilder reasoning;
    @Nullable String signature;
    final Map<Integer, ToolState> tools = new TreeMap<>();
    final List<TokenLogprob> logprobs = new ArrayList<>(0);
    final Map<String, @Nullable Object> extras = new LinkedHashMap<>(0);
    @Nullable FinishReason finishReason;
    boolean sawText;

    void add(ChatChunk chunk) {
      if (!chunk.text().isEmpty()) {
        text.append(chunk.text());
        sawText = true;
      }
      if (!chunk.refusal().isEmpty()) {
        if (refusal == null) refusal = new StringBuilder();
        refusal.append(chunk.refusal());
      }
      if (!chunk.reasoning().isEmpty()) {
        if (reasoning == null) reasoning = new StringBuilder();
        reasoning.append(chunk.reasoning());
      }
      if (chunk.reasoningSignature() != null) {
        // a signature closes the current reasoning block
        signature = chunk.reasoningSignature();
        closeReasoning();
      }
      if (chunk.reasoningRedacted() != null) {
        closeReasoning();
        reasoningBlocks.add(new Reasoning("", null, chunk.reasoningRedacted()));
      }
      // most chunks carry text only: the empty checks spare an iterator and an array per chunk
      if (!chunk.toolCalls().isEmpty()) {
        for (ToolCallDelta d : chunk.toolCalls()) {
          tools.computeIfAbsent(d.index(), i -> new ToolState()).add(d);
        }
      }
      if (!chunk.logprobs().isEmpty()) {
        logprobs.addAll(chunk.logprobs());
      }
      if (!chunk.extras().isEmpty()) {
        extras.putAll(chunk.extras());
      }
      if (chunk.finishReason() != null) {
        finishReason = chunk.finishReason();
      }
    }

    void closeReasoning() {
      if (reasoning != null || signature != null) {
        reasoningBlocks.add(new Reasoning(reasoning == null ? "" : reasoning.toString(), signature, null));
      }
      reasoning = null;
      signature = null;
    }

    Choice toChoice(int index) {
      closeReasoning();
      Message.Builder m = Message.builder(Role.ASSISTANT);
      if (sawText || (tools.isEmpty() && refusal == null)) {
        m.addText(text.toString());
      }
      if (refusal != null) {
        m.refusal(refusal.toString());
      }
      m.reasoning(reasoningBlocks);
      for (ToolState t : tools.values()) {
        m.addToolCall(t.toToolCall());
      }
      return new Choice(index, m.build(), finishReason, logprobs, extras);
    }
  }

  private static final class ToolState {
    @Nullable String id;
    @Nullable String name;
    @Nullable String signature;
    final StringBuilder arguments = new StringBuilder();

    void add(ToolCallDelta d) {
      if (d.id() != null && id == null) id = d.id();
      if (d.name() != null && name == null) name = d.name();
      if (d.signature() != null && signature == null) signature = d.signature();
      arguments.append(d.arguments());
    }

    ToolCall toToolCall() {
      return new ToolCall(id == null ? "" : id, name == null ? "unknown" : name,
          arguments.length() == 0 ? "{}" : arguments.toString(), signature);
    }
  }
}
