package dev.aegis.guardrails;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.plugin.StreamTransformer;
import java.util.ArrayList;
import java.util.List;

/** Feeds chunks to a transformer and records what it emits. */
final class StreamRecorder implements StreamTransformer.Output {
  final List<ChatChunk> emitted = new ArrayList<>();

  @Override
  public void emit(ChatChunk chunk) {
    emitted.add(chunk);
  }

  @Override
  public void end() {
    throw new AssertionError("the guardrail never ends a stream early");
  }

  static ChatChunk text(String text) {
    return ChatChunk.builder("c1", "m").text(text).build();
  }

  static ChatChunk finish() {
    return ChatChunk.builder("c1", "m").finishReason(FinishReason.STOP).build();
  }

  /** Feeds each text as one chunk, then a finish chunk, then flushes. */
  static StreamRecorder run(StreamTransformer t, String... texts) {
    StreamRecorder out = new StreamRecorder();
    for (String s : texts) {
      t.onChunk(text(s), out);
    }
    t.onChunk(finish(), out);
    t.flush(out);
    return out;
  }

  /** The text delivered so far. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (ChatChunk c : emitted) {
      if (c.text() != null) {
        sb.append(c.text());
      }
    }
    return sb.toString();
  }
}
