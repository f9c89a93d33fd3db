package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * The caller's request is malformed or asks for something unsupported.
 *
 * <p>Thread-safe once thrown.
 */
public class InvalidRequestException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String param;

  public InvalidRequestException(String message, @Nullable String param) {
    this(ErrorKind.INVALID_REQUEST, message, param);
  }

  public InvalidRequestException(String message) {
    this(message, null);
  }

  /** With the library exception that found the problem (a JSON parser's) kept as the cause. */
  public InvalidRequestException(String message, @Nullable String param, @Nullable Throwable cause) {
    this(ErrorKind.INVALID_REQUEST, message, param, cause);
  }

  protected InvalidRequestException(ErrorKind kind, String message, @Nullable String param) {
    this(kind, message, param, null);
  }

  protected InvalidRequestException(ErrorKind kind, String message, @Nullable String param,
      @Nullable Throwable cause) {
    super(kind, message, false, cause);
    this.param = param;
  }

  /** The offending parameter, or {@code null}. */
  public @Nullable String param() {
    return param;
  }
}
