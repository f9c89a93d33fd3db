package dev.aegis.core.routing;

/**
 * Errors that are not retryable but may still be worth another target, when a fallback opts in.
 * Retryable errors (5xx, 429, timeouts, connection failures, overloaded) always fall back.
 *
 * <p>Immutable and thread-safe.
 */
public enum FallbackTrigger {
  /** The prompt does not fit the model's context: a larger-context model may take it. */
  CONTEXT_LENGTH_EXCEEDED,
  /** A provider's safety filter refused: another provider may not. */
  CONTENT_FILTER,
  /** A provider rejected the gateway's credentials: another account may work. */
  UPSTREAM_AUTHENTICATION,
  /** Any other invalid-request answer (400, 404, 422) from the provider. */
  INVALID_REQUEST
}
