package dev.aegis.providers.openai.server;

import dev.aegis.api.AiGateway;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.model.ModelInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A scripted {@link AiGateway} for endpoint tests (aegis-providers never builds a core gateway):
 * it records each call's request and options and answers what the test set. A {@link #guard}
 * runs before every call, so a binding test can fail any call made on the wrong thread.
 */
public final class FakeGateway implements AiGateway {
  public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  public final List<EmbeddingRequest> embeddingRequests = new CopyOnWriteArrayList<>();
  public final List<RequestOptions> options = new CopyOnWriteArrayList<>();
  public final List<CompletableFuture<ChatResponse>> futures = new CopyOnWriteArrayList<>();
  public volatile Function<ChatRequest, CompletableFuture<ChatResponse>> chat =
      r -> CompletableFuture.failedFuture(new AssertionError("no chat answer scripted"));
  public volatile Function<ChatRequest, ChatStream> stream = r -> {
    throw new AssertionError("no stream scripted");
  };
  public volatile Function<EmbeddingRequest, EmbeddingResponse> embed = r -> {
    throw new AssertionError("no embeddings scripted");
  };
  public volatile Supplier<List<ModelInfo>> models = List::of;
  public volatile Supplier<dev.aegis.api.health.HealthReport> health = AiGateway.super::health;
  /** The admin interfaces; {@code null}: the gateway has none (the default methods throw). */
  public volatile dev.aegis.api.auth.@org.jspecify.annotations.Nullable VirtualKeys keys;
  public volatile dev.aegis.api.usage.@org.jspecify.annotations.Nullable UsageReports usage;
  /** Runs first in every call with the name of the door; throws to fail the call. */
  public volatile java.util.function.Consumer<String> guard = door -> {};

  @Override
  public ChatResponse route(ChatRequest request, RequestOptions options) {
    guard.accept("route");
    requests.add(request);
    this.options.add(options);
    CompletableFuture<ChatResponse> f = chat.apply(request);
    futures.add(f);
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      // the blocking door throws the gateway's exception itself, as the real gateway's does
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      throw e;
    }
  }

  @Override
  public CompletableFuture<ChatResponse> routeAsync(ChatRequest request, RequestOptions options) {
    guard.accept("routeAsync");
    requests.add(request);
    this.options.add(options);
    CompletableFuture<ChatResponse> f = chat.apply(request);
    futures.add(f);
    return f;
  }

  @Override
  public ChatStream routeStream(ChatRequest request, RequestOptions options) {
    guard.accept("routeStream");
    requests.add(request);
    this.options.add(options);
    return stream.apply(request);
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, RequestOptions options) {
    guard.accept("embed");
    embeddingRequests.add(request);
    this.options.add(options);
    return embed.apply(request);
  }

  @Override
  public List<ModelInfo> models() {
    guard.accept("models");
    return models.get();
  }

  @Override
  public dev.aegis.api.health.HealthReport health() {
    guard.accept("health");
    return health.get();
  }

  @Override
  public dev.aegis.api.auth.VirtualKeys virtualKeys() {
    guard.accept("virtualKeys");
    return keys != null ? keys : AiGateway.super.virtualKeys();
  }

  @Override
  public dev.aegis.api.usage.UsageReports usage() {
    guard.accept("usage");
    return usage != null ? usage : AiGateway.super.usage();
  }

  @Override
  public List<ModelInfo> models(RequestOptions options) {
    this.options.add(options);
    return models();
  }
}
