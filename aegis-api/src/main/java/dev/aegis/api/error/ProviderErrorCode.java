package dev.aegis.api.error;

/**
 * What a provider failure means to the gateway, decided once by the provider's error decoding
 * from the provider's own status, error type, code and message. The engine reads this code to
 * decide retries and fallback triggers; it never reads upstream message text.
 *
 * <p>Immutable and thread-safe.
 */
public enum ProviderErrorCode {
  /** Nothing more specific than the status says. */
  UNSPECIFIED,
  /** The prompt plus the requested output does not fit the model's context window. */
  CONTEXT_LENGTH_EXCEEDED,
  /** The provider's content filter refused the prompt or the answer. */
  CONTENT_FILTERED,
  /** The account's quota is exhausted (not a short-term rate limit). */
  QUOTA_EXHAUSTED,
  /** The provider said it is overloaded. */
  OVERLOADED,
  /** A 2xx answer whose body is empty, not JSON, not the expected shape, or not valid UTF-8. */
  INVALID_RESPONSE,
  /** The connection closed before the body ended. */
  RESPONSE_TRUNCATED,
  /** The body was larger than the configured maximum; reading stopped at the limit. */
  RESPONSE_TOO_LARGE
}
