package dev.aegis.api.provider;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.model.ModelInfo;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One configured instance of an LLM provider (an OpenAI account, a local Ollama, ...), speaking
 * its wire protocol. The SPI is blocking on purpose: simple to implement and to test. The gateway
 * runs it on the caller's thread, on its executor, or on a stream's producer thread.
 *
 * <p>Contract for implementers:
 * <ul>
 *   <li>Translate the normalized request faithfully; send {@link ProviderCall#model()}, not
 *       {@code request.model()}; merge {@link ProviderCall#params()} into the body and
 *       {@link ProviderCall#headers()} into the headers.
 *   <li>Fail with a {@link dev.aegis.api.error.ProviderException} built by
 *       {@link dev.aegis.api.error.ProviderException#of}, never with a library exception.
 *   <li>Honour the deadline and register an {@link ProviderCall#onCancel} action that closes the
 *       upstream call.
 *   <li>In {@link #stream}, emit every decoded chunk to the sink in order and return normally
 *       only after the provider signalled the end; the last content chunk carries the finish
 *       reason, and usage is emitted when the provider reports it.
 * </ul>
 *
 * <p>Implementations must be thread-safe: one instance serves concurrent calls.
 */
public interface Provider extends AutoCloseable {

  /** The instance name, unique within a gateway (e.g. {@code "openai-eu"}). */
  String name();

  /** The provider type (e.g. {@code "openai"}), as its {@link ProviderFactory} names it. */
  default String type() {
    return "custom";
  }

  /** What this instance can do. */
  Set<Capability> capabilities();

  /** Sends a chat request and returns the whole answer. */
  ChatResponse chat(ChatRequest request, ProviderCall call);

  /** Sends a chat request and emits the answer's chunks to {@code sink} as they arrive. */
  void stream(ChatRequest request, ProviderCall call, ChunkSink sink);

  /** Computes embeddings. The default says the provider has none. */
  default EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    throw new ProviderInvalidRequestException(
        ProviderError.of(name(), 0, "provider does not support embeddings"), null);
  }

  /** Lists the upstream models; the default lists none. */
  default List<ModelInfo> models(ProviderCall call) {
    return List.of();
  }

  /**
   * The base URL this instance calls, reported as {@code server.address} and {@code server.port}
   * on trace spans; {@code null} (the default) when there is none to tell (in-process, mock).
   */
  default @Nullable URI endpoint() {
    return null;
  }

  /** The last observed health; the default is {@link Health#UNKNOWN}. */
  default Health health() {
    return Health.UNKNOWN;
  }

  /** Releases this instance's resources (connection pools it owns). Idempotent. */
  @Override
  default void close() {}
}
