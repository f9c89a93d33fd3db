package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * A gateway plugin: stage methods the pipeline calls in a fixed order, identically for
 * {@code route}, {@code routeAsync} and {@code routeStream}, so no plugin can skip or repeat a
 * step. Built-in features (authentication, limits, guardrails, masking, caching) are plugins on
 * this same contract.
 *
 * <p>Order of stages for one request:
 * <ol>
 *   <li>{@link #onRequest}, in registration order, until one answers or rejects;</li>
 *   <li>{@link #eligible} for every candidate target, before any strategy picks and again just
 *       before dispatch, at every level of nesting and on every retry, fallback and hedge;</li>
 *   <li>{@link #onAttempt} before each attempt;</li>
 *   <li>{@link #onResponse} (whole answers) in <em>reverse</em> registration order, or for
 *       streams {@link #onStream} transformers chained in reverse order (the provider's chunks
 *       reach the last-registered plugin first), for the plugins whose {@code onRequest} ran;</li>
 *   <li>{@link #onComplete}, exactly once per request for every plugin, in reverse order, also
 *       on error and cancellation.</li>
 * </ol>
 *
 * <p>A plugin that throws fails the request with a {@link dev.aegis.api.error.PluginException}
 * naming it, except that a thrown {@link dev.aegis.api.error.GatewayException} is reported as
 * is. Exceptions from {@code onComplete} are swallowed (and counted): the request has ended.
 *
 * <pre>{@code
 * public final class TenantHeader implements Plugin {
 *   public RequestDecision onRequest(Exchange exchange) {
 *     if (exchange.principal() == null) {
 *       return RequestDecision.reject(new AuthenticationException("no principal"));
 *     }
 *     return RequestDecision.proceed();
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one instance serves all requests. Keep per-request
 * state in {@link Exchange#attributes()}.
 */
public interface Plugin {

  /** The plugin's name in errors, events and metrics. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Inspects or changes the request before routing. */
  default RequestDecision onRequest(Exchange exchange) {
    return RequestDecision.proceed();
  }

  /** Whether the target may serve this request. Must be fast and side-effect free. */
  default Eligibility eligible(Exchange exchange, TargetInfo target) {
    return Eligibility.keep();
  }

  /** Called before each attempt (including retries, fallbacks and hedges). */
  default void onAttempt(Exchange exchange, TargetInfo target) {}

  /** Inspects or changes a whole (non-streamed) answer. */
  default ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    return ResponseDecision.keep();
  }

  /** Returns a transformer for this attempt's stream, or {@code null} to pass chunks through. */
  default @Nullable StreamTransformer onStream(Exchange exchange) {
    return null;
  }

  /** Called exactly once when the request has ended, successfully or not. */
  default void onComplete(Exchange exchange, Outcome outcome) {}
}
