package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.plugin.StreamTransformer;

/**
 * One stream attempt's chain of {@code onStream} transformers: a chunk enters at the first,
 * each transformer's output feeds the next, and the last one's output goes to the {@link Sink}.
 * A transformer's failure is wrapped by {@link PluginStages#failed}, naming its plugin.
 *
 * <p>Confined to the attempt's thread.
 */
final class TransformerChain {
  static final StreamTransformer[] NONE = new StreamTransformer[0];
  static final String[] NO_NAMES = new String[0];

  /** Where the chain's output goes. */
  interface Sink {
    /** A chunk that left the last transformer. */
    void deliver(ChatChunk chunk);

    /** A transformer ended the stream early. */
    void endedByPlugin();
  }

  private final StreamTransformer[] transformers;
  private final String[] names;
  private final Output[] outputs;
  private final Sink sink;

  TransformerChain(StreamTransformer[] transformers, String[] names, Sink sink) {
    this.transformers = transformers;
    this.names = names;
    this.sink = sink;
    this.outputs = new Output[transformers.length];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = new Output(this, i + 1);
    }
  }

  /** Runs a chunk from the provider through the chain. */
  void push(ChatChunk chunk) {
    push(0, chunk);
  }

  private void push(int stage, ChatChunk chunk) {
    if (stage == transformers.length) {
      sink.deliver(chunk);
      return;
    }
    try {
      transformers[stage].onChunk(chunk, outputs[stage]);
    } catch (RuntimeException e) {
      throw PluginStages.failed(names[stage], "onStream", e);
    }
  }

  /** Flushes every transformer in chain order, so what one releases passes through the next. */
  void flush() {
    for (int i = 0; i < transformers.length; i++) {
      try {
        transformers[i].flush(outputs[i]);
      } catch (RuntimeException e) {
        throw PluginStages.failed(names[i], "onStream.flush", e);
      }
    }
  }

  /** One transformer's output: the next stage's input. */
  private static final class Output implements StreamTransformer.Output {
    private final TransformerChain chain;
    private final int next;

    Output(TransformerChain chain, int next) {
      this.chain = chain;
      this.next = next;
    }

    @Override
    public void emit(ChatChunk chunk) {
      chain.push(next, chunk);
    }

    @Override
    public void end() {
      chain.sink.endedByPlugin();
    }
  }
}
