package dev.aegis.core.internal;

import dev.aegis.api.Principal;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.event.RequestFailed;
import dev.aegis.api.event.RequestInfo;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.plugin.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The events the engine publishes about a call: who and what ({@link RequestInfo}), and the end
 * (completed or failed). Built only when a hook listens; published with the call's tenant, which
 * tenant filters match. Stateless.
 */
final class CallEvents {
  private CallEvents() {}

  /** Who and what the call is about: request id, principal id and tenant (never a key), alias. */
  static RequestInfo info(CoreExchange ex) {
    return RequestInfo.of(ex.requestId(), ex.principal(), ex.requestedModel());
  }

  /** Publishes {@code event} for the call of {@code ex}. */
  static void publish(Engine engine, CoreExchange ex, GatewayEvent event) {
    engine.hooks().publish(event, tenant(ex));
  }

  /** The end of a call: {@link RequestCompleted} on success, else {@link RequestFailed}. */
  static void ended(Call call, Outcome outcome, ResponseMetadata meta) {
    CoreExchange ex = call.ex;
    Engine engine = call.engine;
    ChatResponse response = outcome.response();
    EmbeddingResponse embedding = outcome.embeddingResponse();
    String model = response != null ? response.model() : embedding != null ? embedding.model() : null;
    GatewayException error = outcome.error();
    GatewayEvent event;
    if (outcome.status() == Outcome.Status.SUCCESS || error == null) {
      event = new RequestCompleted(engine.clock().instant(), info(ex), ex.door(), outcome.target(), outcome.provider(),
          model == null || model.isEmpty() ? null : model, outcome.attempts().size(), outcome.latency(),
          outcome.usage(), meta.cost(), meta.cacheHit());
    } else {
      String target = ex.lastAttemptTarget();
      event = new RequestFailed(engine.clock().instant(), info(ex), ex.door(), outcome.status(), error.kind(),
          Secrets.scrub(error.getMessage()), target, target == null ? null : call.providerName(),
          outcome.attempts().size(), outcome.latency(), outcome.usage(), meta.cost());
    }
    publish(engine, ex, event);
  }

  private static @Nullable String tenant(CoreExchange ex) {
    Principal p = ex.principal();
    return p == null ? null : p.tenant();
  }
}
