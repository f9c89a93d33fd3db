package dev.aegis.providers.mock;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks one scripted answer streams as: its text in word-aligned pieces, or its tool call as
 * a name chunk and two argument halves; the first carries the role, the last the finish reason,
 * and a final usage chunk follows. Built one at a time, so a stream that fails or is cancelled
 * part-way builds no more than it sent.
 *
 * <p>Not thread-safe: one per stream.
 */
final class MockChunks {
  private final MockScript.Answer answer;
  private final String model;
  private final List<String> pieces;
  private final List<ToolCallDelta> parts;
  private final boolean tool;

  MockChunks(MockScript.Answer answer, String model, int chunks) {
    this.answer = answer;
    this.model = model;
    ToolCall t = answer.tool();
    this.tool = t != null;
    if (t != null) {
      int half = t.arguments().length() / 2;
      this.parts = List.of(new ToolCallDelta(0, t.id(), t.name(), ""),
          new ToolCallDelta(0, null, null, t.arguments().substring(0, half)),
          new ToolCallDelta(0, null, null, t.arguments().substring(half)));
      this.pieces = List.of();
    } else {
      this.pieces = split(answer.text(), chunks);
      this.parts = List.of();
    }
  }

  /** How many content chunks there are (the usage chunk not counted). */
  int size() {
    return tool ? parts.size() : pieces.size();
  }

  /** Content chunk {@code i}, {@code 0 <= i < size()}. */
  ChatChunk get(int i) {
    boolean last = i == size() - 1;
    ChatChunk.Builder c = ChatChunk.builder(answer.id(), model);
    if (tool) {
      c.addToolCall(parts.get(i));
      if (last) c.finishReason(FinishReason.TOOL_CALLS);
    } else {
      c.text(pieces.get(i));
      if (last) c.finishReason(answer.finish());
    }
    if (i == 0) c.role(Role.ASSISTANT);
    return c.build();
  }

  /** The closing chunk with the answer's usage. */
  ChatChunk usage() {
    return ChatChunk.builder(answer.id(), model).usage(answer.usage()).build();
  }

  /**
   * Splits text into at most {@code n} pieces at word starts (a piece carries its leading space,
   * as real tokenizers do), grouping words evenly when there are more words than pieces.
   */
  static List<String> split(String text, int n) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 1; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
        starts.add(i);
      }
    }
    int words = starts.size();
    int per = Math.max(1, (words + n - 1) / n);
    List<String> pieces = new ArrayList<>(Math.min(n, words));
    for (int w = 0; w < words; w += per) {
      int end = w + per < words ? starts.get(w + per) : text.length();
      pieces.add(text.substring(starts.get(w), end));
    }
    return pieces;
  }
}
