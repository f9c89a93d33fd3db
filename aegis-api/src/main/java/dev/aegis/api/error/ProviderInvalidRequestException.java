package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A provider rejected the request as invalid (400, 404, 422 ...), for example an unknown model or a context that is too long; see {@link ProviderError#code()}.
 *
 * <p>Thread-safe once thrown.
 */
public class ProviderInvalidRequestException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderInvalidRequestException(ProviderError error, @Nullable Throwable cause) {
    super(ErrorKind.UPSTREAM_INVALID_REQUEST, error, false, cause);
  }
}
