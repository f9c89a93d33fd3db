package dev.aegis.providers.aws.internal;

import java.io.IOException;

/**
 * A malformed {@code application/vnd.amazon.eventstream} body: a checksum mismatch, an impossible
 * length, an unknown header type, a truncated frame, or a frame missing the headers its protocol
 * requires. Adapters turn it into a typed gateway error.
 *
 * <p>Thread-safe once thrown.
 */
public final class EventStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  public EventStreamException(String message) {
    super(message);
  }
}
