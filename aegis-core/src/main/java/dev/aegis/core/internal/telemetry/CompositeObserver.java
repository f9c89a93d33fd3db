package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.provider.Provider;
import java.time.Duration;
import java.util.Map;
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
  public TargetObserver targetStarted(String target, Provider provider, String providerType, String model) {
    return new Both(traces.targetStarted(target, provider, providerType, model),
        metrics.targetStarted(target, provider, providerType, model));
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
  public void event(GatewayEvent event) {
    traces.event(event);
    metrics.event(event);
  }

  @Override
  public void ended(Outcome outcome, @Nullable ChatResponse response, boolean hedged) {
    traces.ended(outcome, response, hedged);
    metrics.ended(outcome, response, hedged);
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
    public Map<String, String> attemptStarted(int attempt, Map<String, String> base) {
      return metrics.attemptStarted(attempt, traces.attemptStarted(attempt, base));
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
    public void succeeded(@Nullable ChatResponse response) {
      traces.succeeded(response);
      metrics.succeeded(response);
    }

    @Override
    public void embedded(String responseModel, Usage usage) {
      traces.embedded(responseModel, usage);
      metrics.embedded(responseModel, usage);
    }

    @Override
    public void ended(@Nullable GatewayException error) {
      traces.ended(error);
      metrics.ended(error);
    }
  }
}
