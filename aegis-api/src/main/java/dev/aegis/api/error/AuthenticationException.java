package dev.aegis.api.error;

/**
 * The caller's credential (virtual key) is missing, unknown, expired or revoked. Not to be
 * confused with {@link ProviderAuthenticationException}, where a provider rejected the gateway.
 *
 * <p>Thread-safe once thrown.
 */
public class AuthenticationException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(ErrorKind.AUTHENTICATION, message, false, null);
  }
}
