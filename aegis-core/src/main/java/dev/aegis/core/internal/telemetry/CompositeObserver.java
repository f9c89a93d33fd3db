package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.core.internal.OutboundHeaders;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Traces and metrics together: each callback goes to both, traces first (they add headers). */
final class CompositeObserver extends RequestObserver {
  private final RequestObserver traces;
  private final RequestObserver metrics;

  CompositeObserver(RequestObserver traces, RequestObserver metrics) {
    this.traces = traces;
    this.metrics = metrics;
  }

  @Override
  public TargetObserver targetStarted(String target, @Nullable URI endpoint, String providerType, String model) {
    return new Both(traces.targetStarted(target, endpoint, providerType, model),
        metrics.targetStarted(target, endpoint, providerType, model));
  }

  @Override
  public void fallback(String fromTarget, GatewayException cause) {
    traces.fallback(fromTarget, cause);
    metrics.fallback(fromTarget, cause);
  }

  @Override
  public void hedgeFired(int branch) {
    traces.hedgeFired(branch);
    metrics.hedgeFired(branch);
  }

  @Override
  public void hedgeWon(int branch) {
    traces.hedgeWon(branch);
    metrics.hedgeWon(branch);
  }

  @Override
  public void event(GatewayEvent event) {
    traces.event(event);
    metrics.event(event);
  }

  @Override
  public void ended(Outcome outcome, ResponseMetadata metadata) {
    traces.ended(outcome, metadata);
    metrics.ended(outcome, metadata);
  }

  @Override
  public @Nullable String traceId() {
    return traces.traceId();
  }

  private static final class Both extends TargetObserver {
    private final TargetObserver traces;
    private final TargetObserver metrics;

    Both(TargetObserver traces, TargetObserver metrics) {
      this.traces = traces;
      this.metrics = metrics;
    }

    @Override
    public void attemptStarted(int attempt, OutboundHeaders headers) {
      traces.attemptStarted(attempt, headers);
      metrics.attemptStarted(attempt, headers);
    }

    @Override
    public void attemptFailed(int attempt, GatewayException error, long nanos) {
      traces.attemptFailed(attempt, error, nanos);
      metrics.attemptFailed(attempt, error, nanos);
    }

    @Override
    public void retryScheduled(int nextAttempt, Duration delay, GatewayException cause) {
      traces.retryScheduled(nextAttempt, delay, cause);
      metrics.retryScheduled(nextAttempt, delay, cause);
    }

    @Override
    public void chunk(ChatChunk chunk, long nanos) {
      traces.chunk(chunk, nanos);
      metrics.chunk(chunk, nanos);
    }

    @Override
    public void answered(ChatResponse response) {
      traces.answered(response);
      metrics.answered(response);
    }

    @Override
    public void succeeded(@Nullable Usage usage, @Nullable String responseModel) {
      traces.succeeded(usage, responseModel);
      metrics.succeeded(usage, responseModel);
    }

    @Override
    public void ended(@Nullable GatewayException error) {
      traces.ended(error);
      metrics.ended(error);
    }
  }
}
