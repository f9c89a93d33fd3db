package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.provider.ChunkSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The sink a provider streams into for one attempt (or that a plugin's answer is replayed
 * into): notes whether the raw stream finished, feeds the attempt's {@link StreamWatchdog}, runs
 * each chunk through the attempt's {@link TransformerChain}, and hands what leaves it to the
 * {@link GatewayChatStream}, which holds it until the commit point.
 *
 * <p>Confined to the attempt's thread, except {@link #stop}.
 */
final class AttemptPipe implements ChunkSink, TransformerChain.Sink {
  private final GatewayChatStream out;
  private final CancelSignal attemptSignal;
  /** The hedge line this attempt runs on; {@code null} for a replayed answer. */
  final @Nullable CallBranch branch;
  private final @Nullable AttemptCall call;
  private final @Nullable StreamWatchdog watchdog;
  private final TransformerChain chain;
  /** Chunks held before the commit point; the stream takes them when this attempt commits. */
  final List<ChatChunk> pending = new ArrayList<>(4);
  private boolean rawFinished;
  private boolean ended;

  /** A pipe for a provider attempt. */
  AttemptPipe(GatewayChatStream out, Call owner, CallBranch branch, AttemptCall call, TargetRuntime target) {
    this.out = out;
    this.attemptSignal = call.signal;
    this.branch = branch;
    this.call = call;
    this.chain = owner.stages.stream(this); // before the watchdog: a failing onStream leaves no timer behind
    Duration idle = target.target.idleTimeout() != null ? target.target.idleTimeout() : owner.snap.streamIdleTimeout;
    Engine engine = owner.engine;
    this.watchdog = new StreamWatchdog(engine.ticker(), engine.scheduler(), call.signal,
        target.target.firstChunkTimeout(), idle);
  }

  /** A pipe that replays a plugin's answer: no provider, no timeouts. */
  AttemptPipe(GatewayChatStream out, Call owner) {
    this.out = out;
    this.attemptSignal = owner.signal;
    this.branch = null;
    this.call = null;
    this.watchdog = null;
    this.chain = owner.stages.stream(this);
  }

  @Override
  public void emit(ChatChunk chunk) {
    if (ended || attemptSignal.isCancelled()) {
      throw new CancellationException("the stream attempt was cancelled");
    }
    if (chunk.finishReason() != null) {
      rawFinished = true;
    }
    if (watchdog != null) {
      long now = watchdog.chunk();
      AttemptCall c = call;
      if (c != null) {
        c.chunkArrived(chunk, now);
      }
    }
    chain.push(chunk);
  }

  @Override
  public void deliver(ChatChunk chunk) {
    out.deliver(this, chunk);
  }

  @Override
  public void endedByPlugin() {
    if (!ended) {
      ended = true;
      rawFinished = true;
      attemptSignal.cancel("ended by a plugin");
    }
  }

  /** Whether a plugin ended the stream (then the provider's failure to finish is expected). */
  boolean ended() {
    return ended;
  }

  /** Whether the input stream carried a finish reason (or a plugin ended it). */
  boolean finished() {
    return rawFinished;
  }

  void flush() {
    chain.flush();
  }

  /** Stops the watchdog: the provider returned. */
  void stop() {
    if (watchdog != null) {
      watchdog.stop();
    }
  }
}
