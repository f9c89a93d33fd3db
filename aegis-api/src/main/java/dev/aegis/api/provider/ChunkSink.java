package dev.aegis.api.provider;

import dev.aegis.api.chat.ChatChunk;

/**
 * Where a provider's {@link Provider#stream} puts the chunks it decodes.
 *
 * <p>{@link #emit} blocks while the consumer has no demand, so a provider that reads its socket
 * and emits in one loop is back-pressured all the way to the socket. It throws
 * {@link java.util.concurrent.CancellationException} once the call is cancelled; the provider
 * lets it propagate (after closing its upstream call, which {@link ProviderCall#onCancel} makes
 * automatic).
 *
 * <p>Called from one thread at a time: the provider's reading thread.
 */
@FunctionalInterface
public interface ChunkSink {
  /** Delivers one chunk, blocking until the consumer wants it. */
  void emit(ChatChunk chunk);
}
