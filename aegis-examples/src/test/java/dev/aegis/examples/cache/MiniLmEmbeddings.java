package dev.aegis.examples.cache;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real embedding model as an Aegis embedding provider: all-MiniLM-L6-v2 (quantized), running
 * in-process on ONNX Runtime through LangChain4j. Test scope only. Loading the model takes a
 * moment, so tests share one instance ({@link #shared()}).
 *
 * <p>Thread-safe.
 */
final class MiniLmEmbeddings implements Provider {
  private static final AllMiniLmL6V2QuantizedEmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();

  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public String name() {
    return "minilm";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.EMBEDDINGS);
  }

  int calls() {
    return calls.get();
  }

  static float[] vector(String text) {
    return MODEL.embed(text).content().vector();
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    calls.incrementAndGet();
    List<Embedding> out = new ArrayList<>(request.inputs().size());
    int tokens = 0;
    for (int i = 0; i < request.inputs().size(); i++) {
      String text = request.inputs().get(i);
      out.add(Embedding.of(i, vector(text)));
      tokens += Math.max(1, text.length() / 4);
    }
    return EmbeddingResponse.builder().model("all-minilm-l6-v2-q").embeddings(out).usage(Usage.of(tokens, 0)).build();
  }

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    throw new ProviderInvalidRequestException(ProviderError.of(name(), 0, "an embedding model does not chat"), null);
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    throw new ProviderInvalidRequestException(ProviderError.of(name(), 0, "an embedding model does not chat"), null);
  }
}
