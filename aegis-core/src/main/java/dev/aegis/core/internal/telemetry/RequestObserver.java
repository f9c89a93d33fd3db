package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Outcome;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Observes one request through the pipeline, with OkHttp {@code EventListener}'s contract: every
 * callback is fast, takes no lock that I/O holds, and never throws. Fed by the engine's
 * {@code CallObserver} seam (through {@code TelemetryListener}) on the request's thread, and on
 * hedge branches' threads for the target callbacks. When nothing listens, the engine observes
 * nothing at all.
 */
public abstract class RequestObserver {
  /** Observes nothing. */
  public static final RequestObserver NONE = new RequestObserver() {};

  /**
   * A target is about to be tried (its first attempt; retries of the same target report to the
   * returned observer).
   */
  public TargetObserver targetStarted(String target, @Nullable URI endpoint, String providerType, String model) {
    return TargetObserver.NONE;
  }

  /** A target failed and the route moves on to the next one. */
  public void fallback(String fromTarget, GatewayException cause) {}

  /** A hedge branch was started; {@code branch} counts from 2. */
  public void hedgeFired(int branch) {}

  /** A hedge branch (counted from 1) answered first. */
  public void hedgeWon(int branch) {}

  /** An event published for this request (guardrail verdicts, cache hits, limits). */
  public void event(GatewayEvent event) {}

  /** The request ended, with the metadata the caller sees (cost, cache hit). */
  public void ended(Outcome outcome, ResponseMetadata metadata) {}

  /** The trace id of the request's span, for log lines, or {@code null} when not tracing. */
  public @Nullable String traceId() {
    return null;
  }
}
