package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.internal.ErrorAttempts;
import dev.aegis.api.plugin.ChunkSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code routeStream()} door: each attempt streams through its own {@link AttemptPipe} into
 * the {@link GatewayChatStream}, which holds chunks until the commit point; a plugin's answer is
 * replayed as chunks through the same transformers. The call ends by completing the stream with
 * its terminal signal. A failure after the commit point becomes a {@link StreamException}.
 *
 * <p>One per stream call. The pipe that served is written by the attempt's thread (a hedge
 * branch's, perhaps) and read by the call's thread after routing returns.
 */
final class StreamOutput extends CallOutput<Void> {
  private final GatewayChatStream out;
  private volatile @Nullable AttemptPipe served;

  StreamOutput(GatewayChatStream out) {
    this.out = out;
  }

  @Override
  boolean streams() {
    return true;
  }

  @Override
  boolean committed() {
    return out.isCommitted();
  }

  @Override
  boolean cancelledByCaller() {
    return out.isCancelled();
  }

  @Override
  public @Nullable Void run(TargetRuntime t, AttemptCall call) {
    Call owner = call.owner();
    AttemptPipe pipe = new AttemptPipe(out, owner, call.branch, call, t);
    try {
      t.provider.stream(owner.ex.request(), call, pipe);
    } catch (RuntimeException e) {
      if (!pipe.ended()) {
        throw e;
      }
    } finally {
      pipe.stop();
    }
    if (!pipe.finished()) {
      throw ProviderException.of(new ProviderError(t.provider.name(), 0, null, "incomplete_stream", null,
          "the stream ended without a finish reason", null, null));
    }
    pipe.flush();
    served = pipe;
    return null;
  }

  @Override
  @Nullable Void answered(Call call, Object answer) {
    AttemptPipe pipe = new AttemptPipe(out, call);
    if (answer instanceof ChunkSource) {
      // a live answer (a coalesced stream): pulled as this caller's demand lets the pipe take it
      ChunkSource live = (ChunkSource) answer;
      for (ChatChunk chunk = live.next(); chunk != null; chunk = live.next()) {
        pipe.emit(chunk);
      }
      if (!pipe.finished()) {
        throw new GatewayException(ErrorKind.INTERNAL, "a plugin's live answer ended without a finish reason");
      }
    } else {
      // a recorded stream (a cached one) keeps its chunk boundaries; a whole answer is cut into chunks
      List<ChatChunk> recorded = call.stages.answerChunks();
      for (ChatChunk chunk : recorded.isEmpty() ? ResponseChunks.of((ChatResponse) answer) : recorded) {
        pipe.emit(chunk);
      }
    }
    pipe.flush();
    served = pipe;
    return null;
  }

  @Override
  @Nullable Void respond(Call call, @Nullable Void result) {
    AttemptPipe pipe = served;
    if (pipe != null) {
      out.commitRemaining(pipe); // an answer without content left its chunks pending
    }
    return null;
  }

  @Override
  GatewayException failed(Call call, GatewayException error) {
    if (out.isCommitted() && !(error instanceof StreamException) && !out.isCancelled()) {
      String provider = call.providerName();
      StreamException e = new StreamException(provider == null ? "none" : provider,
          "stream failed after it started: " + error.getMessage(), error.retryable(), error);
      return ErrorAttempts.attach(e, call.ex.attempts());
    }
    return error;
  }

  @Override
  @Nullable ChatResponse chatResponse(Call call, @Nullable Void result) {
    return out.assembled();
  }

  @Override
  @Nullable Void deliver(Call call, @Nullable Void result, @Nullable GatewayException error) {
    out.finish(error, call.metadata(ResponseMetadata.EMPTY));
    return null;
  }
}
