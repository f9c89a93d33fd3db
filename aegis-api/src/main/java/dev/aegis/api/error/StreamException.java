package dev.aegis.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A stream failed after it had started delivering content (its commit point): the text already
 * delivered stays delivered, and the gateway does not retry or switch provider. {@link
 * #retryable()} says whether the whole request may succeed if the caller tries again (an
 * upstream "overloaded" error is retryable).
 *
 * <p>Adapters may also throw it for an error that arrives inside a stream; before the commit
 * point the gateway then treats it like any other provider failure.
 *
 * <p>Thread-safe once thrown.
 */
public class StreamException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String provider;

  public StreamException(String provider, String message, boolean retryable, @Nullable Throwable cause) {
    super(ErrorKind.STREAM_FAILED, message, retryable, cause);
    this.provider = provider;
  }

  /** The provider instance that was streaming. */
  public String provider() {
    return provider;
  }
}
