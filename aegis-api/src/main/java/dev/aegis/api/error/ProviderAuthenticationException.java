package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A provider rejected the gateway's credentials (401/403). A gateway-side failure: an HTTP caller sees 502.
 *
 * <p>Thread-safe once thrown.
 */
public class ProviderAuthenticationException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderAuthenticationException(ProviderError error, @Nullable Throwable cause) {
    super(ErrorKind.UPSTREAM_AUTHENTICATION, error, false, cause);
  }
}
