package dev.aegis.api;

import dev.aegis.api.auth.VirtualKeys;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.HookQueueHealth;
import dev.aegis.api.model.ModelInfo;
import java.time.Instant;
import dev.aegis.api.usage.UsageReports;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway: one object through which every LLM call of an application goes. It routes, falls
 * back, guards, limits, caches, meters and traces, in-process.
 *
 * <p>The three doors {@link #route}, {@link #routeAsync} and {@link #routeStream} run the same
 * pipeline with the same plugin stages in the same order; they differ only in where the output
 * goes. Every call is bounded by a deadline, and all failures are {@link
 * dev.aegis.api.error.GatewayException}s.
 *
 * <pre>{@code
 * ChatResponse answer = gateway.route(ChatRequest.builder()
 *     .model("smart")
 *     .addMessage(Message.user("Say hello"))
 *     .build());
 * }</pre>
 *
 * <p>Implementations are thread-safe and meant to be shared: one gateway per application.
 */
public interface AiGateway {

  /** Routes a chat request on the caller's thread and returns the answer. */
  default ChatResponse route(ChatRequest request) {
    return route(request, RequestOptions.none());
  }

  /** Routes a chat request on the caller's thread and returns the answer. */
  ChatResponse route(ChatRequest request, RequestOptions options);

  /**
   * Routes a chat request on the gateway's executor. The returned future completes with the
   * answer or a {@link dev.aegis.api.error.GatewayException}; cancelling it cancels the upstream
   * call.
   */
  default CompletableFuture<ChatResponse> routeAsync(ChatRequest request) {
    return routeAsync(request, RequestOptions.none());
  }

  /** As {@link #routeAsync(ChatRequest)}, with options. */
  CompletableFuture<ChatResponse> routeAsync(ChatRequest request, RequestOptions options);

  /**
   * Returns a lazy, one-shot stream of the answer. Nothing is sent until the stream is
   * subscribed to (or iterated); closing it cancels the upstream call.
   */
  default ChatStream routeStream(ChatRequest request) {
    return routeStream(request, RequestOptions.none());
  }

  /** As {@link #routeStream(ChatRequest)}, with options. */
  ChatStream routeStream(ChatRequest request, RequestOptions options);

  /** Routes an embedding request through the same pipeline. */
  default EmbeddingResponse embed(EmbeddingRequest request) {
    return embed(request, RequestOptions.none());
  }

  /** Routes an embedding request through the same pipeline. */
  EmbeddingResponse embed(EmbeddingRequest request, RequestOptions options);

  /** The models (aliases) this gateway serves. */
  List<ModelInfo> models();

  /**
   * The models (aliases) the caller of these options may use: for a virtual key, only the aliases
   * its allow-list admits. The default answers {@link #models()}.
   *
   * @throws dev.aegis.api.error.AuthenticationException if the options carry an unknown, expired
   *     or revoked key
   */
  default List<ModelInfo> models(RequestOptions options) {
    return models();
  }

  /**
   * The gateway's health and readiness: per target its circuit and recent behaviour, per alias
   * whether it is routable, the shared stores, the hook queue, whether it is draining. Cheap
   * enough for a readiness probe: it reads state the gateway keeps anyway and calls no provider.
   * The default, for gateways that track nothing, is an empty report that is ready.
   */
  default HealthReport health() {
    return HealthReport.of(Instant.now(), false, List.of(), List.of(), List.of(), new HookQueueHealth(0, 0, 0));
  }

  /**
   * The admin interface of the gateway's virtual keys.
   *
   * @throws UnsupportedOperationException if this gateway has no virtual keys
   */
  default VirtualKeys virtualKeys() {
    throw new UnsupportedOperationException("this gateway has no virtual keys");
  }

  /**
   * Usage, spend and budgets for admin APIs.
   *
   * @throws UnsupportedOperationException if this gateway keeps no usage
   */
  default UsageReports usage() {
    throw new UnsupportedOperationException("this gateway keeps no usage");
  }
}
