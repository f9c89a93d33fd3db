package dev.aegis.api.error;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a provider said when it failed: its status, its error type, code and parameter, the
 * scrubbed message, how long it asked us to wait, and its request id for support tickets.
 *
 * @param provider the provider instance name
 * @param status the HTTP status, or 0 when no response arrived (connect failure, reset, timeout)
 * @param type the provider's error type (e.g. {@code invalid_request_error}), or {@code null}
 * @param code the provider's error code (e.g. {@code context_length_exceeded}), or {@code null}
 * @param param the offending parameter, or {@code null}
 * @param message the provider's message (scrubbed when it becomes an exception message)
 * @param retryAfter the wait the provider asked for, or {@code null}
 * @param requestId the upstream request id, or {@code null}
 * @param reason what the failure means to the gateway, decided by the provider's error decoding
 *     <p>Immutable and thread-safe.
 */
public record ProviderError(
    String provider,
    int status,
    @Nullable String type,
    @Nullable String code,
    @Nullable String param,
    String message,
    @Nullable Duration retryAfter,
    @Nullable String requestId,
    ProviderErrorCode reason) {

  public ProviderError {
    Checks.notNull(provider, "provider");
    Checks.notNull(message, "message");
    Checks.notNull(reason, "reason");
  }

  /** An error whose meaning is no more specific than its status ({@link ProviderErrorCode#UNSPECIFIED}). */
  public ProviderError(
      String provider,
      int status,
      @Nullable String type,
      @Nullable String code,
      @Nullable String param,
      String message,
      @Nullable Duration retryAfter,
      @Nullable String requestId) {
    this(provider, status, type, code, param, message, retryAfter, requestId, ProviderErrorCode.UNSPECIFIED);
  }

  /** This error with its meaning set by the provider's error decoding. */
  public ProviderError withReason(ProviderErrorCode reason) {
    return new ProviderError(provider, status, type, code, param, message, retryAfter, requestId, reason);
  }

  /** An error with a status and a message only. */
  public static ProviderError of(String provider, int status, String message) {
    return new ProviderError(provider, status, null, null, null, message, null, null);
  }
}
