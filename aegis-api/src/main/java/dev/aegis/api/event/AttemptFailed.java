package dev.aegis.api.event;

import dev.aegis.api.error.ErrorKind;
import java.time.Duration;
import java.time.Instant;

/**
 * An attempt failed; the gateway may retry or fall back.
 *
 * @param timestamp when
 * @param request the request id, principal and alias
 * @param target the target
 * @param provider the provider instance
 * @param model the upstream model asked for
 * @param attempt which attempt of the request this was, from 1
 * @param errorKind the error's kind
 * @param status the upstream status, or 0
 * @param retryable whether the error allows another try
 * @param latency how long the attempt ran
 *     <p>Immutable and thread-safe.
 */
public record AttemptFailed(Instant timestamp, RequestInfo request, String target, String provider, String model,
    int attempt, ErrorKind errorKind, int status, boolean retryable, Duration latency) implements GatewayEvent {
  @Override
  public String name() {
    return "attempt.failed";
  }

  /** The request id. */
  public String requestId() {
    return request.requestId();
  }
}
