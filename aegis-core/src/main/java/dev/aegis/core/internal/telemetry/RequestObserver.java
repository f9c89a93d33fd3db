package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.provider.Provider;
import org.jspecify.annotations.Nullable;

/**
 * Observes one request through the pipeline, with OkHttp {@code EventListener}'s contract: every
 * callback is fast, takes no lock that I/O holds, and never throws. The engine calls it on the
 * request's thread (and on hedge branches' threads for the target callbacks). When nothing
 * listens, the engine holds the shared {@link #NONE}, whose callbacks do nothing and allocate
 * nothing.
 */
public abstract class RequestObserver {
  /** Observes nothing. */
  public static final RequestObserver NONE = new RequestObserver() {};

  /**
   * A target is about to be tried (its first attempt; retries of the same target report to the
   * returned observer).
   */
  public TargetObserver targetStarted(String target, Provider provider, String providerType, String model) {
    return TargetObserver.NONE;
  }

  /** A target failed and the route moves on to the next one. */
  public void fallback(String fromTarget, GatewayException cause) {}

  /** A hedge branch was started; {@code branch} counts from 2. */
  public void hedgeFired(int branch) {}

  /** An event published for this request (guardrail verdicts, cache hits, limits). */
  public void event(GatewayEvent event) {}

  /** The request ended; {@code response} is the answer (assembled for streams) when there is one. */
  public void ended(Outcome outcome, @Nullable ChatResponse response, boolean hedged) {}

  /** The trace id of the request's span, for log lines, or {@code null} when not tracing. */
  public @Nullable String traceId() {
    return null;
  }
}
