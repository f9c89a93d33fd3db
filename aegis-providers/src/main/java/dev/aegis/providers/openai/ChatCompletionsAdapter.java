package dev.aegis.providers.openai;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What the Chat Completions adapters share: {@link OpenAiProvider},
 * {@link dev.aegis.providers.azure.AzureOpenAiProvider} and
 * {@link dev.aegis.providers.compat.OpenAiCompatibleProvider} speak one wire format through one
 * client, and differ only in how they are built (URL scheme, credential header, preset, options).
 * This class holds the calls once; each adapter keeps only its construction.
 *
 * <p>Sealed to those three: use them as {@link Provider}s; this type is not an extension point.
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public abstract sealed class ChatCompletionsAdapter implements Provider
    permits OpenAiProvider, dev.aegis.providers.azure.AzureOpenAiProvider,
    dev.aegis.providers.compat.OpenAiCompatibleProvider {
  private final Provider calls;

  /** {@code calls}: the adapter's Chat Completions client, which does every call. */
  protected ChatCompletionsAdapter(Provider calls) {
    this.calls = calls;
  }

  @Override
  public final URI endpoint() {
    return calls.endpoint();
  }

  @Override
  public final String type() {
    return calls.type();
  }

  @Override
  public final String name() {
    return calls.name();
  }

  @Override
  public final Set<Capability> capabilities() {
    return calls.capabilities();
  }

  @Override
  public final ChatResponse chat(ChatRequest request, ProviderCall call) {
    return calls.chat(request, call);
  }

  @Override
  public final void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    calls.stream(request, call, sink);
  }

  @Override
  public final EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    return calls.embed(request, call);
  }

  @Override
  public final List<ModelInfo> models(ProviderCall call) {
    return calls.models(call);
  }

  @Override
  public final void close() {
    calls.close();
  }

  /** {@code OpenAiProvider{name, type}}: the adapter's class, then its name and type. */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + '{' + calls.name() + ", " + calls.type() + '}';
  }
}
