package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A provider failed on its side: 5xx, 408, 409, 529, an overloaded error, or no response at all (connect failure, reset, timeout). Retryable.
 *
 * <p>Thread-safe once thrown.
 */
public class ProviderServerException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderServerException(ProviderError error, @Nullable Throwable cause) {
    super(ErrorKind.UPSTREAM_ERROR, error, true, cause);
  }
}
