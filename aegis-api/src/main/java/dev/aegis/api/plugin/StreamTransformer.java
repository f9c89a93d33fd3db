package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatChunk;

/**
 * A stateful, per-attempt transformer of a streamed answer, returned by
 * {@link Plugin#onStream}. For every upstream chunk it may emit zero or more chunks (holding
 * text back, rewriting it, splitting it), emit what it held at {@link #flush}, end the stream
 * early with {@link Output#end()}, or fail it by throwing a
 * {@link dev.aegis.api.error.GatewayException}.
 *
 * <p>A new transformer is made for every attempt, so state never leaks from a failed attempt
 * into its retry. Output goes to the next transformer and finally to the caller; the first
 * content chunk that reaches the caller is the commit point.
 *
 * <p>Called from one thread at a time; it needs no synchronization of its own.
 */
public interface StreamTransformer {

  /** Handles one upstream chunk. */
  void onChunk(ChatChunk chunk, Output out);

  /** Called once when the upstream has ended normally: emit anything held back. */
  default void flush(Output out) {}

  /** Where a transformer sends its chunks. */
  interface Output {
    /** Passes a chunk downstream. */
    void emit(ChatChunk chunk);

    /**
     * Ends the stream normally after the chunks emitted so far (and after this transformer's
     * {@code flush}): the upstream call is cancelled. Emit a chunk with a finish reason first.
     */
    void end();
  }
}
