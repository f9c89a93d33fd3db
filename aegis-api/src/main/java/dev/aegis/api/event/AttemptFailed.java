package dev.aegis.api.event;

import dev.aegis.api.error.ErrorKind;
import java.time.Duration;
import java.time.Instant;

/**
 * An attempt failed; the gateway may retry or fall back.
 *
 * @param timestamp when
 * @param requestId the request id
 * @param target the target
 * @param provider the provider instance
 * @param errorKind the error's kind
 * @param status the upstream status, or 0
 * @param retryable whether the error allows another try
 * @param latency how long the attempt ran
 *     <p>Immutable and thread-safe.
 */
public record AttemptFailed(Instant timestamp, String requestId, String target, String provider,
    ErrorKind errorKind, int status, boolean retryable, Duration latency) implements GatewayEvent {
  @Override
  public String name() {
    return "attempt.failed";
  }
}
