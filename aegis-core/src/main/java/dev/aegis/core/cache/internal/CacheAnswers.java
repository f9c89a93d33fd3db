package dev.aegis.core.cache.internal;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.event.CacheHit;
import dev.aegis.api.event.RequestInfo;
import dev.aegis.api.plugin.ChunkSource;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.RequestDecision;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the cache answers a request from an entry: the lookup (decode, age against the request's
 * max-age) and the answer itself, a whole response or a replayed stream, with HIT in the
 * exchange, a provider cost of zero and a {@link CacheHit} event.
 *
 * <p>Immutable and thread-safe.
 */
public final class CacheAnswers {
  /** The decoded size of the hot entries kept in memory beside the store. */
  private static final long DECODED_BYTES = 8L << 20;

  private final GuardedStore store;
  private final DecodedEntries decoded = new DecodedEntries(DECODED_BYTES);
  private final Clock clock;
  private final int replayChunkChars;

  public CacheAnswers(GuardedStore store, Clock clock, int replayChunkChars) {
    this.store = store;
    this.clock = clock;
    this.replayChunkChars = replayChunkChars;
  }

  /** Removes the entry from the store and its decoded form from memory. */
  public void remove(CacheKey key) {
    decoded.forget(key);
    store.remove(key);
  }

  /** The answer from the entry under {@code key}, or {@code null} when there is none young enough. */
  public @Nullable RequestDecision lookup(Exchange ex, CacheState state, CacheKey key, @Nullable Double similarity) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return null;
    }
    DecodedEntries.Decoded d;
    try {
      d = decoded.decode(key, bytes);
    } catch (IllegalArgumentException e) {
      decoded.forget(key);
      store.unreadable(key);
      return null;
    }
    Duration age = age(d.entry());
    Duration maxAge = state.control().maxAge();
    if (maxAge != null && age.compareTo(maxAge) > 0) {
      return null;
    }
    CacheResult result = similarity == null ? CacheResult.hit(age) : CacheResult.semanticHit(age, similarity);
    return answer(ex, state, d.entry(), d.response(), result);
  }

  /** The entry's age on this cache's clock. */
  public Duration age(CacheCodec.Entry entry) {
    return Duration.ofMillis(Math.max(0, clock.millis() - entry.storedAtMillis()));
  }

  /** Answers with {@code entry} (another request's answer, coalesced). */
  public RequestDecision answer(Exchange ex, CacheState state, CacheCodec.Entry entry, CacheResult result) {
    return answer(ex, state, entry, Replay.response(entry.chunks()), result);
  }

  /**
   * Answers with {@code entry}, which spells {@code response}: the whole response, or for a
   * streamed request its chunks. The gateway adds the cache result and the zero cost to the
   * caller's metadata from the exchange, so the shared response is not rebuilt per hit.
   */
  private RequestDecision answer(Exchange ex, CacheState state, CacheCodec.Entry entry, ChatResponse response,
      CacheResult result) {
    hit(ex, state, result);
    if (!ex.isStreaming()) {
      return RequestDecision.answer(response);
    }
    List<ChatChunk> chunks = entry.streamed() && replayChunkChars == 0 ? entry.chunks()
        : Replay.chunks(response, replayChunkChars);
    return RequestDecision.answer(response, chunks);
  }

  /** Answers a streamed request with another request's stream as it arrives (coalescing). */
  public RequestDecision live(Exchange ex, CacheState state, ChunkSource chunks) {
    hit(ex, state, CacheResult.hit(Duration.ZERO));
    return RequestDecision.answer(chunks);
  }

  private void hit(Exchange ex, CacheState state, CacheResult result) {
    state.hit();
    ex.cacheResult(result);
    ex.responseCost(BigDecimal.ZERO); // no provider was called
    ex.publish(new CacheHit(clock.instant(), RequestInfo.of(ex.requestId(), ex.principal(), ex.requestedModel()),
        result.similarity() == null ? "exact" : "semantic", result.age() == null ? Duration.ZERO : result.age()));
  }
}
