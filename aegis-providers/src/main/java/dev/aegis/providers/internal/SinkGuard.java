package dev.aegis.providers.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.provider.ChunkSink;
import org.jspecify.annotations.Nullable;

/**
 * Remembers what the consumer threw, so it is passed on unchanged and not blamed on the provider.
 * Not thread-safe: one per stream, on the stream's thread.
 */
final class SinkGuard implements ChunkSink {
  private final ChunkSink sink;
  private @Nullable RuntimeException failure;

  SinkGuard(ChunkSink sink) {
    this.sink = sink;
  }

  @Override
  public void emit(ChatChunk chunk) {
    try {
      sink.emit(chunk);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  /** What the consumer threw, or {@code null}. */
  @Nullable RuntimeException failure() {
    return failure;
  }
}
