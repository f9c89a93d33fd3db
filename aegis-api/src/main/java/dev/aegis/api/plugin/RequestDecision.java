package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a plugin's {@link Plugin#onRequest} decided: proceed with the request as it is, proceed
 * with a replacement, answer it (no provider is called; a cache hit), or reject it.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestDecision {
  /** The kinds of decision. */
  public enum Type { PROCEED, REPLACE, ANSWER, REJECT }

  private static final RequestDecision PROCEED = new RequestDecision(Type.PROCEED, null);

  private final Type type;
  private final @Nullable Object value;
  private final List<ChatChunk> chunks;

  private RequestDecision(Type type, @Nullable Object value) {
    this(type, value, List.of());
  }

  private RequestDecision(Type type, @Nullable Object value, List<ChatChunk> chunks) {
    this.type = type;
    this.value = value;
    this.chunks = chunks;
  }

  /** Go on with the request unchanged. */
  public static RequestDecision proceed() {
    return PROCEED;
  }

  /** Go on with this chat request instead (e.g. masked). */
  public static RequestDecision replace(ChatRequest request) {
    return new RequestDecision(Type.REPLACE, Checks.notNull(request, "request"));
  }

  /** Go on with this embedding request instead. */
  public static RequestDecision replace(EmbeddingRequest request) {
    return new RequestDecision(Type.REPLACE, Checks.notNull(request, "request"));
  }

  /**
   * Answer without calling a provider. The answer still passes through the {@code onResponse}
   * (or, for a stream, {@code onStream}) stages of the plugins that ran before this one.
   */
  public static RequestDecision answer(ChatResponse response) {
    return new RequestDecision(Type.ANSWER, Checks.notNull(response, "response"));
  }

  /**
   * Answer with a recorded stream (a cache hit of a streamed answer): a streamed request receives
   * exactly these chunks, in these boundaries, through the {@code onStream} stages of the plugins
   * that ran before this one; a whole request receives {@code response}, which the chunks spell.
   */
  public static RequestDecision answer(ChatResponse response, List<ChatChunk> chunks) {
    List<ChatChunk> copy = Checks.copyOf(chunks, "chunks");
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a recorded stream needs at least one chunk");
    }
    return new RequestDecision(Type.ANSWER, Checks.notNull(response, "response"), copy);
  }

  /** Answer an embedding request without calling a provider. */
  public static RequestDecision answer(EmbeddingResponse response) {
    return new RequestDecision(Type.ANSWER, Checks.notNull(response, "response"));
  }

  /** Fail the request with this error. */
  public static RequestDecision reject(GatewayException error) {
    return new RequestDecision(Type.REJECT, Checks.notNull(error, "error"));
  }

  public Type type() {
    return type;
  }

  /** The replacement request, the answer, or the error; {@code null} for PROCEED. */
  public @Nullable Object value() {
    return value;
  }

  /** For an answer with a recorded stream, its chunks; otherwise empty. */
  public List<ChatChunk> chunks() {
    return chunks;
  }

  @Override
  public String toString() {
    return "RequestDecision." + type;
  }
}
