package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole response (a plugin's answer, such as a cache hit) into the chunks a stream of it
 * would carry, so that a streamed request answered by a plugin still goes through the stream
 * transformers.
 */
final class ResponseChunks {
  private ResponseChunks() {}

  static List<ChatChunk> of(ChatResponse response) {
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
