package dev.aegis.api.error;

import dev.aegis.api.Attempt;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.internal.ErrorAttempts;
import dev.aegis.api.internal.Secrets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The root of every failure the gateway reports. It says what kind of failure it is
 * ({@link #kind()}, which fixes the HTTP status), whether trying again may help
 * ({@link #retryable()}), and which attempts were made ({@link #attempts()}).
 *
 * <p>Messages are scrubbed of anything that looks like a key or token before they are stored.
 *
 * <p>Thread-safe once thrown: the gateway attaches the attempt history before it publishes the
 * exception; plugins and providers cannot change it.
 */
public class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final boolean retryable;
  private volatile List<Attempt> attempts = List.of();

  public GatewayException(ErrorKind kind, String message, boolean retryable, @Nullable Throwable cause) {
    super(Secrets.scrub(Checks.notNull(message, "message")), cause);
    this.kind = Checks.notNull(kind, "kind");
    this.retryable = retryable;
  }

  public GatewayException(ErrorKind kind, String message) {
    this(kind, message, false, null);
  }

  public final ErrorKind kind() {
    return kind;
  }

  /** Whether the same request may succeed if tried again (on this or another target). */
  public boolean retryable() {
    return retryable;
  }

  /** The attempts made before this failure, in order; empty if none ran. */
  public final List<Attempt> attempts() {
    return attempts;
  }

  static {
    // the engine attaches attempts through this bridge; no public method lets a plugin do it
    ErrorAttempts.install((e, attempts) -> e.attempts = Checks.copyOf(attempts, "attempts"));
  }
}
