package dev.aegis.core.cache.internal;

import dev.aegis.api.CacheControl;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.plugin.AttributeKey;
import dev.aegis.api.plugin.StreamTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the cache plugin remembers about one cacheable request, under a private attribute: its
 * key, what its cache control allows, the coalesced flight it leads, the semantic bucket and
 * vector, and the answer as it passed the cache on its way back (after output scanning, before
 * unmasking): a whole response, or the chunks each stream attempt recorded.
 *
 * <p>Thread-safe.
 */
public final class CacheState {
  /** The private key; only the cache plugin reads it. */
  public static final AttributeKey<CacheState> KEY = AttributeKey.create("aegis.cache.state", CacheState.class);

  private final CacheKey key;
  private final CacheControl control;
  private volatile @Nullable Flight flight;
  private volatile @Nullable String bucket;
  private volatile float @Nullable [] vector;
  private volatile @Nullable ChatResponse response;
  private volatile boolean hit;
  private final List<Recorder> recorders = new CopyOnWriteArrayList<>();

  public CacheState(CacheKey key, CacheControl control) {
    this.key = key;
    this.control = control;
  }

  public CacheKey key() {
    return key;
  }

  public CacheControl control() {
    return control;
  }

  public @Nullable Flight flight() {
    return flight;
  }

  public void lead(Flight f) {
    this.flight = f;
  }

  public void semantic(String bucket, float[] vector) {
    this.bucket = bucket;
    this.vector = vector;
  }

  public @Nullable String bucket() {
    return bucket;
  }

  public float @Nullable [] vector() {
    return vector;
  }

  public void hit() {
    this.hit = true;
  }

  public boolean isHit() {
    return hit;
  }

  public void response(ChatResponse r) {
    this.response = r;
  }

  /** A recorder for one stream attempt; a retried or hedged attempt gets its own. */
  public StreamTransformer recorder() {
    Flight f = flight;
    Recorder r = new Recorder(f);
    recorders.add(r);
    if (f != null) {
      f.attempt(r);
    }
    return r;
  }

  /**
   * The chunks of the answer that completed, or {@code null} when there is none or it is
   * ambiguous (two attempts both finished).
   */
  public @Nullable List<ChatChunk> answerChunks(int textChars) {
    ChatResponse r = response;
    if (r != null) {
      return Replay.chunks(r, textChars);
    }
    List<ChatChunk> found = null;
    for (Recorder rec : recorders) {
      if (rec.finished) {
        if (found != null) {
          return null;
        }
        found = rec.chunks;
      }
    }
    return found == null ? null : List.copyOf(found);
  }

  /** Whether the answer was recorded from a stream. */
  public boolean streamed() {
    return response == null;
  }

  /**
   * Passes a stream attempt's chunks on unchanged and keeps a copy of them; a coalescing leader's
   * recorder also publishes each one to the flight's live readers.
   */
  private static final class Recorder implements StreamTransformer {
    final List<ChatChunk> chunks = new ArrayList<>(16);
    private final @Nullable Flight flight;
    volatile boolean finished;

    Recorder(@Nullable Flight flight) {
      this.flight = flight;
    }

    @Override
    public void onChunk(ChatChunk chunk, Output out) {
      chunks.add(chunk);
      if (flight != null) {
        flight.publish(this, chunk);
      }
      out.emit(chunk);
    }

    @Override
    public void flush(Output out) {
      finished = true; // the upstream ended normally; the request's outcome decides the rest
    }
  }
}
