package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * What a plugin's {@link Plugin#onRequest} decided: proceed with the request as it is, proceed
 * with a replacement, answer it (no provider is called; a cache hit), or reject it. A sealed type:
 * each kind of decision is a record carrying exactly what it needs, read with {@code instanceof}.
 *
 * <pre>{@code
 * RequestDecision d = plugin.onRequest(exchange);
 * if (d instanceof RequestDecision.Reject reject) {
 *   throw reject.error();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RequestDecision
    permits RequestDecision.Proceed, RequestDecision.ReplaceChat, RequestDecision.ReplaceEmbedding,
        RequestDecision.AnswerChat, RequestDecision.AnswerStream, RequestDecision.AnswerLive,
        RequestDecision.AnswerEmbedding, RequestDecision.Reject {

  /** The kinds of decision, for logs and tests; the records say the same with their type. */
  enum Type { PROCEED, REPLACE, ANSWER, REJECT }

  /** The kind of this decision. */
  Type type();

  /** Go on with the request unchanged. */
  static RequestDecision proceed() {
    return Proceed.INSTANCE;
  }

  /** Go on with this chat request instead (e.g. masked). */
  static RequestDecision replace(ChatRequest request) {
    return new ReplaceChat(request);
  }

  /** Go on with this embedding request instead. */
  static RequestDecision replace(EmbeddingRequest request) {
    return new ReplaceEmbedding(request);
  }

  /**
   * Answer without calling a provider. The answer still passes through the {@code onResponse}
   * (or, for a stream, {@code onStream}) stages of the plugins that ran before this one.
   */
  static RequestDecision answer(ChatResponse response) {
    return new AnswerChat(response);
  }

  /**
   * Answer with a recorded stream (a cache hit of a streamed answer): a streamed request receives
   * exactly these chunks, in these boundaries, through the {@code onStream} stages of the plugins
   * that ran before this one; a whole request receives {@code response}, which the chunks spell.
   */
  static RequestDecision answer(ChatResponse response, List<ChatChunk> chunks) {
    return new AnswerStream(response, chunks);
  }

  /**
   * Answer with a live stream whose chunks are still arriving (a coalesced request sharing another
   * one's upstream stream): the gateway pulls {@code chunks} as the caller demands them and passes
   * each through the {@code onStream} stages of the plugins that ran before this one; a whole
   * request receives the response they spell once the source ends. The chunks follow the stream
   * rules: they must end with a finish reason; a source that throws fails the request.
   */
  static RequestDecision answer(ChunkSource chunks) {
    return new AnswerLive(chunks);
  }

  /** Answer an embedding request without calling a provider. */
  static RequestDecision answer(EmbeddingResponse response) {
    return new AnswerEmbedding(response);
  }

  /** Fail the request with this error. */
  static RequestDecision reject(GatewayException error) {
    return new Reject(error);
  }

  /** Go on with the request unchanged. Immutable and thread-safe. */
  record Proceed() implements RequestDecision {
    static final Proceed INSTANCE = new Proceed();

    @Override
    public Type type() {
      return Type.PROCEED;
    }
  }

  /** Go on with this chat request instead. Immutable and thread-safe. */
  record ReplaceChat(ChatRequest request) implements RequestDecision {
    public ReplaceChat {
      Checks.notNull(request, "request");
    }

    @Override
    public Type type() {
      return Type.REPLACE;
    }
  }

  /** Go on with this embedding request instead. Immutable and thread-safe. */
  record ReplaceEmbedding(EmbeddingRequest request) implements RequestDecision {
    public ReplaceEmbedding {
      Checks.notNull(request, "request");
    }

    @Override
    public Type type() {
      return Type.REPLACE;
    }
  }

  /** Answer a chat request without calling a provider. Immutable and thread-safe. */
  record AnswerChat(ChatResponse response) implements RequestDecision {
    public AnswerChat {
      Checks.notNull(response, "response");
    }

    @Override
    public Type type() {
      return Type.ANSWER;
    }
  }

  /**
   * Answer a chat request with a recorded stream: {@code chunks} for a streamed request,
   * {@code response} (what they spell) for a whole one. Immutable and thread-safe.
   */
  record AnswerStream(ChatResponse response, List<ChatChunk> chunks) implements RequestDecision {
    public AnswerStream {
      Checks.notNull(response, "response");
      chunks = Checks.copyOf(chunks, "chunks");
      if (chunks.isEmpty()) {
        throw new IllegalArgumentException("a recorded stream needs at least one chunk");
      }
    }

    @Override
    public Type type() {
      return Type.ANSWER;
    }
  }

  /** Answer a chat request with a live stream of chunks. Immutable; the source is pulled by one thread. */
  record AnswerLive(ChunkSource chunks) implements RequestDecision {
    public AnswerLive {
      Checks.notNull(chunks, "chunks");
    }

    @Override
    public Type type() {
      return Type.ANSWER;
    }
  }

  /** Answer an embedding request without calling a provider. Immutable and thread-safe. */
  record AnswerEmbedding(EmbeddingResponse response) implements RequestDecision {
    public AnswerEmbedding {
      Checks.notNull(response, "response");
    }

    @Override
    public Type type() {
      return Type.ANSWER;
    }
  }

  /** Fail the request with this error. Immutable and thread-safe. */
  record Reject(GatewayException error) implements RequestDecision {
    public Reject {
      Checks.notNull(error, "error");
    }

    @Override
    public Type type() {
      return Type.REJECT;
    }
  }
}
