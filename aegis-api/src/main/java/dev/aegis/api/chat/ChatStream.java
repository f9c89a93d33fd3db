package dev.aegis.api.chat;

import dev.aegis.api.internal.BlockingChunkIterator;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed answer: a one-shot, lazy, single-subscriber {@link Flow.Publisher} of
 * {@link ChatChunk}s that honours {@code request(n)}, so back-pressure reaches the provider's
 * socket.
 *
 * <p>Nothing is sent upstream until the stream is subscribed to (or iterated). It ends with
 * {@code onComplete} or exactly one {@link dev.aegis.api.error.GatewayException}; an upstream
 * that stops without a finish reason is an error, never a clean-looking end. Cancelling the
 * subscription, or {@link #close()}, cancels the upstream call. {@link #iterator()},
 * {@link #stream()} and {@link #collect()} are adapters over the same publisher, so only one of
 * them (or one {@code subscribe}) may be used per stream.
 *
 * <pre>{@code
 * try (ChatStream stream = gateway.routeStream(request)) {
 *   stream.iterator().forEachRemaining(chunk -> {
 *     System.out.print(chunk.text());
 *   });
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@code close()} and {@code started()} may be called from any thread; the
 * subscriber's signals arrive serially, from one thread at a time.
 */
public interface ChatStream extends Flow.Publisher<ChatChunk>, AutoCloseable {

  /**
   * Completes at the commit point (the first content chunk released to the caller), or
   * exceptionally if the stream fails before it. An HTTP endpoint waits for it before choosing
   * its status line.
   */
  CompletableFuture<StreamStart> started();

  /**
   * Completes with the response's metadata (target, attempts, latency) when the stream has
   * ended, successfully or not; it never completes exceptionally.
   */
  CompletableFuture<ResponseMetadata> finished();

  /** Cancels the stream and the upstream call. Idempotent. */
  @Override
  void close();

  /**
   * A blocking iterator over the chunks. It requests one chunk first and, while the consumer
   * keeps reading, keeps a window of requested chunks that doubles up to 16 and is topped up
   * when half of it is left, so the producer runs at most 16 chunks ahead, rarely waits for
   * demand, and a consumer that stops after the first chunk has let exactly one be made. Its
   * {@code hasNext()} throws the stream's {@link dev.aegis.api.error.GatewayException} if it fails.
   */
  default Iterator<ChatChunk> iterator() {
    BlockingChunkIterator it = new BlockingChunkIterator(this);
    subscribe(it);
    return it;
  }

  /** A sequential {@link Stream} over the chunks; closing it closes this stream. */
  default Stream<ChatChunk> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /**
   * Consumes the whole stream and assembles the {@link ChatResponse} it spells, with the
   * stream's metadata. Blocks until the stream ends.
   */
  default ChatResponse collect() {
    ChatResponseAccumulator acc = new ChatResponseAccumulator();
    Iterator<ChatChunk> it = iterator();
    while (it.hasNext()) {
      acc.add(it.next());
    }
    return acc.toResponse().toBuilder().metadata(finished().join()).build();
  }
}
