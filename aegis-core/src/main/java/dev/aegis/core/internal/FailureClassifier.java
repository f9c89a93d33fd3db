package dev.aegis.core.internal;

import dev.aegis.api.error.ContentFilterException;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.error.ProviderAuthenticationException;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.error.ProviderRateLimitException;
import dev.aegis.core.routing.FallbackTrigger;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one table that says, per failure, whether the same target may be retried, whether a
 * strategy may move on to another member, and which opt-in {@link FallbackTrigger} that needs.
 * It reads types and the typed {@link ProviderErrorCode} that the providers' error decoding set;
 * it never reads message text. What the call itself forbids (a committed stream, a cancelled
 * request) is decided by the caller before it asks.
 *
 * <table>
 *   <caption>The table</caption>
 *   <tr><th>failure</th><th>retry</th><th>fall back</th></tr>
 *   <tr><td>no route (every target set aside)</td><td>no</td><td>always</td></tr>
 *   <tr><td>retryable (5xx, 408, 409, 429 with time, no response, overloaded, invalid response)</td>
 *       <td>yes</td><td>always</td></tr>
 *   <tr><td>a request deadline that passed (not a provider timeout)</td><td>no</td><td>never</td></tr>
 *   <tr><td>rate limit without a retry (quota exhausted)</td><td>no</td><td>always</td></tr>
 *   <tr><td>content filter</td><td>no</td><td>with {@code CONTENT_FILTER}</td></tr>
 *   <tr><td>upstream authentication</td><td>no</td><td>with {@code UPSTREAM_AUTHENTICATION}</td></tr>
 *   <tr><td>invalid request, code {@code CONTEXT_LENGTH_EXCEEDED}</td><td>no</td>
 *       <td>with {@code CONTEXT_LENGTH_EXCEEDED} or {@code INVALID_REQUEST}</td></tr>
 *   <tr><td>other invalid request</td><td>no</td><td>with {@code INVALID_REQUEST}</td></tr>
 *   <tr><td>anything else (plugin, guardrail, cancellation)</td><td>no</td><td>never</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 */
final class FailureClassifier {
  private FailureClassifier() {}

  /** Whether the same target may be tried again (its retry policy permitting). */
  static boolean retryable(GatewayException e) {
    return e.retryable() && !(e instanceof NoRouteException);
  }

  /** Whether a strategy may move on to another member, given the triggers it opted into. */
  static boolean mayFallBack(GatewayException e, Set<FallbackTrigger> triggers) {
    if (e.kind() == ErrorKind.TIMEOUT && !(e instanceof ProviderException)) {
      return false; // the request's own deadline: no other target has time left either
    }
    if (e instanceof NoRouteException || e.retryable() || e instanceof ProviderRateLimitException) {
      return true; // an exhausted quota is not retryable here, but another account may serve
    }
    FallbackTrigger trigger = trigger(e);
    return trigger != null && (triggers.contains(trigger)
        || trigger == FallbackTrigger.CONTEXT_LENGTH_EXCEEDED && triggers.contains(FallbackTrigger.INVALID_REQUEST));
  }

  /** The opt-in trigger a non-retryable failure needs to fall back, or {@code null} if none applies. */
  static @Nullable FallbackTrigger trigger(GatewayException e) {
    if (e instanceof ContentFilterException) {
      return FallbackTrigger.CONTENT_FILTER;
    }
    if (e instanceof ProviderAuthenticationException) {
      return FallbackTrigger.UPSTREAM_AUTHENTICATION;
    }
    if (e instanceof ProviderInvalidRequestException) {
      return ((ProviderException) e).reason() == ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED
          ? FallbackTrigger.CONTEXT_LENGTH_EXCEEDED : FallbackTrigger.INVALID_REQUEST;
    }
    return null;
  }
}
