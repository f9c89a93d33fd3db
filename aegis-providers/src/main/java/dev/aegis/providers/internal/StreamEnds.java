package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import org.jspecify.annotations.Nullable;

/**
 * The one error for a stream whose body ended cleanly before the provider's own end marker
 * ({@code [DONE]}, {@code message_stop}, a finish reason, {@code messageStop}, a {@code done}
 * line): the answer was cut off, so every adapter reports it alike — retryable,
 * {@code incomplete_stream}, {@link ProviderErrorCode#RESPONSE_TRUNCATED}.
 *
 * <p>Thread-safe: static.
 */
public final class StreamEnds {
  private StreamEnds() {}

  /**
   * @param detail what was missing, in the provider's terms ("the stream ended before message_stop")
   */
  public static ProviderException incomplete(String provider, int status, @Nullable String requestId, String detail) {
    return ProviderException.of(new ProviderError(provider, status, null, "incomplete_stream", null, detail, null,
        requestId, ProviderErrorCode.RESPONSE_TRUNCATED));
  }
}
