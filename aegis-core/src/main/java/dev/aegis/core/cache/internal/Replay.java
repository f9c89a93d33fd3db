package dev.aegis.core.cache.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the two forms of a cached answer: a whole response and the chunks of a
 * stream. A whole answer is stored as the chunks a stream of it would carry; a stream is replayed
 * in its original chunk boundaries, or re-cut into text pieces of a configured size.
 *
 * <p>Stateless and thread-safe.
 */
public final class Replay {
  private Replay() {}

  /** The whole response the chunks spell. */
  public static ChatResponse response(List<ChatChunk> chunks) {
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    for (ChatChunk c : chunks) {
      acc.add(c);
    }
    return acc.toResponse();
  }

  /**
   * The chunks of a response: per choice its reasoning blocks, then its text in pieces of at most
   * {@code textChars} characters (0: one piece), tool calls, finish reason; then the usage.
   */
  public static List<ChatChunk> chunks(ChatResponse response, int textChars) {
    List<ChatChunk> chunks = new ArrayList<>(4);
    for (Choice c : response.choices()) {
      Message m = c.message();
      ChatChunk.Builder b = ChatChunk.builder(response.id(), response.model()).index(c.index()).role(Role.ASSISTANT);
      for (Reasoning r : m.reasoning()) {
        chunks.add(b.reasoning(r.text().isEmpty() ? null : r.text()).reasoningSignature(r.signature())
            .reasoningRedacted(r.redacted()).build());
        b = ChatChunk.builder(response.id(), response.model()).index(c.index());
      }
      String text = m.text();
      if (textChars > 0) {
        // all pieces but the last go out on their own; the last one carries the rest of the choice
        while (text.length() > textChars) {
          chunks.add(b.text(text.substring(0, textChars)).build());
          text = text.substring(textChars);
          b = ChatChunk.builder(response.id(), response.model()).index(c.index());
        }
      }
      if (!text.isEmpty() || m.toolCalls().isEmpty() && m.refusal() == null) {
        b.text(text);
      }
      if (m.refusal() != null) {
        b.refusal(m.refusal());
      }
      int i = 0;
      for (ToolCall call : m.toolCalls()) {
        b.addToolCall(new ToolCallDelta(i++, call.id(), call.name(), call.arguments(), call.signature()));
      }
      chunks.add(b.finishReason(c.finishReason()).logprobs(c.logprobs()).extras(c.extras()).build());
    }
    chunks.add(ChatChunk.builder(response.id(), response.model()).usage(response.usage()).build());
    return chunks;
  }
}
