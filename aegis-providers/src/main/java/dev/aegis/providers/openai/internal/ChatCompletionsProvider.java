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
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What the Chat Completions adapters (OpenAI, Azure OpenAI, OpenAI-compatible presets) have in
 * common: every call goes to one {@link ChatCompletionsClient}. The public adapters delegate to
 * one of these (rather than extend it), so no internal type is part of their public shape.
 *
 * <p>Thread-safe.
 */
public class ChatCompletionsProvider implements Provider {
  private final String name;
  private final String type;
  private final Set<Capability> capabilities;
  private final ChatCompletionsClient client;

  public ChatCompletionsProvider(String name, String type, Set<Capability> capabilities, ChatCompletionsClient client) {
    this.name = name;
    this.type = type;
    this.capabilities = Set.copyOf(capabilities);
    this.client = client;
  }

  @Override
  public URI endpoint() {
    return client.origin();
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public ChatResponse chat(ChatRequest request, ProviderCall call) {
    return client.chat(request, call);
  }

  @Override
  public void stream(ChatRequest request, ProviderCall call, ChunkSink sink) {
    client.stream(request, call, sink);
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, ProviderCall call) {
    return client.embed(request, call);
  }

  @Override
  public List<ModelInfo> models(ProviderCall call) {
    return client.models(call);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return name + ", " + type;
  }
}
