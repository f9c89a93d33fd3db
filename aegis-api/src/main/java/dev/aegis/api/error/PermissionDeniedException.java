package dev.aegis.api.error;

/**
 * The caller is authenticated but may not do this (a model outside its key's allow-list, ...).
 *
 * <p>Thread-safe once thrown.
 */
public class PermissionDeniedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(ErrorKind.PERMISSION_DENIED, message, false, null);
  }
}
