package dev.aegis.providers.testing;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import java.util.List;

/** Helpers for assembling decoded chunks. */
public final class Streams {
  private Streams() {}

  public static ChatResponse assemble(List<ChatChunk> chunks) {
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    chunks.forEach(acc::add);
    return acc.toResponse();
  }
}
