package dev.aegis.providers.openai.internal;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.api.provider.Capability;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import java.util.List;
import java.util.Set;

/**
 * What the Chat Completions adapters (OpenAI, Azure OpenAI, OpenAI-compatible presets) have in
 * common: every call goes to one {@link ChatCompletionsClient}. Subclasses say how they are
 * configured and which type they are.
 *
 * <p>Thread-safe.
 */
public abstract class ChatCompletionsProvider implements Provider {
  private final String name;
  private final Set<Capability> capabilities;
  private final ChatCompletionsClient client;

  protected ChatCompletionsProvider(String name, Set<Capability> capabilities, ChatCompletionsClient client) {
    this.name = name;
    this.capabilities = Set.copyOf(capabilities);
    this.client = client;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public final ChatResponse chat(ChatRequest request, ProviderCall call) {
    return client.chat(request, call);
  }

  @Override
  public final void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    client.stream(request, call, sink);
  }

  @Override
  public final EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    return client.embed(request, call);
  }

  @Override
  public final List<ModelInfo> models(ProviderCall call) {
    return client.models(call);
  }

  @Override
  public final void close() {
    client.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + '{' + name + ", " + type() + '}';
  }
}
