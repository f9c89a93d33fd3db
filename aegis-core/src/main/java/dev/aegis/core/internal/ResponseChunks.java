package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.core.cache.internal.Replay;
import java.util.List;

/**
 * Turns a whole response (a plugin's answer) into the chunks a stream of it would carry, so that
 * a streamed request answered by a plugin still goes through the stream transformers.
 */
final class ResponseChunks {
  private ResponseChunks() {}

  static List<ChatChunk> of(ChatResponse response) {
    return Replay.chunks(response, 0);
  }
}
