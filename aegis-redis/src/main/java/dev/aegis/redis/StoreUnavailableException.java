package dev.aegis.redis;

import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import org.jspecify.annotations.Nullable;

/**
 * A fail-closed Redis store could not answer, so the request was refused before any provider was
 * called ({@link ErrorKind#UNAVAILABLE}, HTTP 503, retryable). The message names the store in the
 * gateway's words; the client library's exception is the cause.
 *
 * <p>Immutable and thread-safe.
 */
public class StoreUnavailableException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String store;

  public StoreUnavailableException(String store, String message, @Nullable Throwable cause) {
    super(ErrorKind.UNAVAILABLE, message, true, cause);
    this.store = store;
  }

  /** The store that failed: {@code keys}, {@code limits}, {@code budgets}, {@code usage} or {@code cache}. */
  public String store() {
    return store;
  }
}
