package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A provider's safety filter blocked the request or the answer.
 *
 * <p>Thread-safe once thrown.
 */
public class ContentFilterException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ContentFilterException(ProviderError error, @Nullable Throwable cause) {
    super(ErrorKind.UPSTREAM_CONTENT_FILTER, error, false, cause);
  }
}
