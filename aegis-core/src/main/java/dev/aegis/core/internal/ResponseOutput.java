package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatResponseAccumulator;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.ChunkSource;
import org.jspecify.annotations.Nullable;

/**
 * The whole-response doors: {@link Chat#INSTANCE} for {@code route()} (and, through
 * {@link FutureOutput}, {@code routeAsync()}), {@link Embed#INSTANCE} for {@code embed()}. The
 * result is returned to the caller's thread, the error thrown. Stateless singletons: a call
 * allocates nothing for them. (Each constant lives in its own class: a superclass whose static
 * initialiser builds its subclasses can deadlock two threads loading them.)
 */
abstract class ResponseOutput<R> extends CallOutput<R> {

  @Override
  @Nullable R deliver(Call call, @Nullable R result, @Nullable GatewayException error) {
    if (error != null) {
      throw error;
    }
    return result;
  }

  /** A chat completion: {@code onResponse} in reverse order, then the gateway's metadata. */
  static class Chat extends ResponseOutput<ChatResponse> {
    static final Chat INSTANCE = new Chat();

    @Override
    public ChatResponse run(TargetRuntime target, AttemptCall call) {
      ChatResponse r = target.provider.chat(call.owner().ex.request(), call);
      call.responded(r.usage(), r.model());
      return r;
    }

    @Override
    ChatResponse answered(Call call, Object answer) {
      if (answer instanceof ChunkSource) {
        // a live answer for a whole request: the response its chunks spell, once they end
        ChunkSource live = (ChunkSource) answer;
        ChatResponseAccumulator acc = new ChatResponseAccumulator();
        for (ChatChunk chunk = live.next(); chunk != null; chunk = live.next()) {
          acc.add(chunk);
        }
        return acc.toResponse();
      }
      return (ChatResponse) answer;
    }

    @Override
    ChatResponse respond(Call call, ChatResponse result) {
      ChatResponse r = call.stages.response(result);
      return r.withMetadata(call.metadata(r.metadata()));
    }

    @Override
    @Nullable ChatResponse chatResponse(Call call, @Nullable ChatResponse result) {
      return result;
    }
  }

  /** An embedding: no response plugins; the gateway's metadata. */
  static final class Embed extends ResponseOutput<EmbeddingResponse> {
    static final Embed INSTANCE = new Embed();

    @Override
    public EmbeddingResponse run(TargetRuntime target, AttemptCall call) {
      EmbeddingResponse r = target.provider.embed(call.owner().ex.embeddingRequest(), call);
      call.responded(r.usage(), r.model());
      return r;
    }

    @Override
    EmbeddingResponse answered(Call call, Object answer) {
      return (EmbeddingResponse) answer;
    }

    @Override
    EmbeddingResponse respond(Call call, EmbeddingResponse result) {
      return result.withMetadata(call.metadata(result.metadata()));
    }

    @Override
    @Nullable EmbeddingResponse embeddingResponse(@Nullable EmbeddingResponse result) {
      return result;
    }
  }
}
