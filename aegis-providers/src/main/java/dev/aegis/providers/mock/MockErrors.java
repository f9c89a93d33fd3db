package dev.aegis.providers.mock;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import org.jspecify.annotations.Nullable;

/**
 * The failures the mock raises, shaped as a real adapter's error decoding would shape them:
 * status, error type, code and reason.
 *
 * <p>Stateless; thread-safe.
 */
final class MockErrors {
  private MockErrors() {}

  /** A failure the plan chose: {@code status} with the plan's code and Retry-After. */
  static ProviderException planned(String name, int status, FailurePlan failures, int call) {
    return ProviderException.of(new ProviderError(name, status, errorType(status), failures.code(), null,
        "mock failure " + status, failures.retryAfter(), "mock-req-" + call, reason(failures.code())));
  }

  static ProviderException connectionReset(String name) {
    return ProviderException.of(new ProviderError(name, 0, null, "connection_error", null,
        "mock connection reset", null, null));
  }

  static ProviderException midStream(String name, int emitted) {
    return ProviderException.of(new ProviderError(name, 500, "server_error", "mid_stream_failure", null,
        "mock failure after " + emitted + " chunks", null, null));
  }

  /** What a configured error code means, as a real adapter's error decoding would say it. */
  private static ProviderErrorCode reason(@Nullable String code) {
    if (code == null) {
      return ProviderErrorCode.UNSPECIFIED;
    }
    switch (code) {
      case "context_length_exceeded": return ProviderErrorCode.CONTEXT_LENGTH_EXCEEDED;
      case "content_filter": return ProviderErrorCode.CONTENT_FILTERED;
      case "insufficient_quota": return ProviderErrorCode.QUOTA_EXHAUSTED;
      case "overloaded": return ProviderErrorCode.OVERLOADED;
      default: return ProviderErrorCode.UNSPECIFIED;
    }
  }

  private static String errorType(int status) {
    switch (status) {
      case 400: return "invalid_request_error";
      case 401: return "authentication_error";
      case 403: return "permission_error";
      case 404: return "not_found_error";
      case 429: return "rate_limit_error";
      case 529: return "overloaded_error";
      default: return status >= 500 ? "server_error" : "invalid_request_error";
    }
  }
}
