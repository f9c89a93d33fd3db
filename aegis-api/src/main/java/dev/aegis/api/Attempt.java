package dev.aegis.api;

import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One attempt the gateway made to serve a request: which target, how it ended, how long it took
 * and, when it failed, a scrubbed summary of the error. Attempts are recorded in
 * {@link dev.aegis.api.chat.ResponseMetadata#attempts()} and in
 * {@link dev.aegis.api.error.GatewayException#attempts()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the target name (as configured in the route)
 * @param provider the provider instance name
 * @param outcome how the attempt ended
 * @param latency wall time of the attempt
 * @param errorKind the error's kind, when the attempt failed
 * @param status the upstream HTTP status, or 0 when there was none
 * @param error a short, scrubbed error message, or {@code null} on success
 */
public record Attempt(
    String target,
    String provider,
    Outcome outcome,
    Duration latency,
    @Nullable ErrorKind errorKind,
    int status,
    @Nullable String error) {

  /** How an attempt ended. */
  public enum Outcome {
    /** The attempt produced the answer. */
    SUCCESS,
    /** The attempt failed; the gateway may have retried or fallen back. */
    FAILURE,
    /** The attempt was cancelled (by the caller, a hedge winner, or a deadline). */
    CANCELLED
  }

  public Attempt {
    Checks.notNull(target, "target");
    Checks.notNull(provider, "provider");
    Checks.notNull(outcome, "outcome");
    Checks.notNull(latency, "latency");
  }

  /** A successful attempt. */
  public static Attempt success(String target, String provider, Duration latency) {
    return new Attempt(target, provider, Outcome.SUCCESS, latency, null, 0, null);
  }
}
