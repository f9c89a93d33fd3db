package dev.aegis.api.error;

/**
 * The request's deadline (or a stream's first-chunk or idle timeout) passed.
 *
 * <p>Thread-safe once thrown.
 */
public class GatewayTimeoutException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public GatewayTimeoutException(String message) {
    this(message, null);
  }

  public GatewayTimeoutException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(ErrorKind.TIMEOUT, message, true, cause);
  }
}
