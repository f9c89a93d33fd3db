package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.api.provider.Provider;
import dev.aegis.core.internal.telemetry.RequestObserver;
import dev.aegis.core.internal.telemetry.TargetObserver;
import dev.aegis.core.internal.telemetry.Telemetry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The built-in metrics and traces on the engine's {@link CallListener} seam: each call's
 * {@link CallObserver} feeds one {@link RequestObserver}, and groups attempts by target so that
 * one target's first attempt and its retries are one client operation (one CLIENT span, one
 * duration sample), as the GenAI conventions ask. Started on the caller's thread, on every door,
 * so traces take the caller's context as the parent.
 *
 * <p>Thread-safe.
 */
final class TelemetryListener implements CallListener {
  private final Engine engine;
  private final Telemetry telemetry;

  TelemetryListener(Engine engine, Telemetry telemetry) {
    this.engine = engine;
    this.telemetry = telemetry;
  }

  @Override
  public CallObserver start(Exchange.Door door, Exchange exchange) {
    return new Observed(telemetry.start(exchange, engine.ticker().read()));
  }

  /** One call's observer. Hedge branches report from several threads: targets are kept in a concurrent map. */
  private final class Observed implements CallObserver {
    private final RequestObserver request;
    private final Map<String, TargetObserver> open = new ConcurrentHashMap<>(4);
    /** The target whose attempt started last: the one a stream's chunks come from. */
    private volatile TargetObserver streaming = TargetObserver.NONE;

    Observed(RequestObserver request) {
      this.request = request;
    }

    private TargetObserver target(TargetInfo t) {
      TargetObserver o = open.get(t.name());
      if (o == null) {
        Provider p = engine.snapshot().providers.get(t.provider());
        o = request.targetStarted(t.name(), p == null ? null : p.endpoint(), t.providerType(), t.model());
        open.put(t.name(), o);
      }
      return o;
    }

    @Override
    public void attemptStart(TargetInfo target, int attempt, OutboundHeaders headers) {
      TargetObserver o = target(target);
      streaming = o;
      o.attemptStarted(attempt, headers);
    }

    @Override
    public void attemptResponse(TargetInfo target, int attempt, ChatResponse response) {
      TargetObserver o = open.get(target.name());
      if (o != null) {
        o.answered(response);
      }
    }

    @Override
    public void attemptEnd(TargetInfo target, int attempt, Duration latency, @Nullable Usage usage,
        @Nullable String responseModel, @Nullable GatewayException error) {
      TargetObserver o = open.get(target.name());
      if (o == null) {
        return;
      }
      if (error == null) {
        o.succeeded(usage, responseModel);
      } else {
        o.attemptFailed(attempt, error, latency.toNanos());
      }
    }

    @Override
    public void retryScheduled(TargetInfo target, int nextAttempt, Duration wait, GatewayException error) {
      TargetObserver o = open.get(target.name());
      if (o != null) {
        o.retryScheduled(nextAttempt, wait, error);
      }
    }

    @Override
    public void targetEnd(TargetInfo target, @Nullable GatewayException error) {
      TargetObserver o = open.remove(target.name());
      if (o != null) {
        o.ended(error);
      }
    }

    @Override
    public void fallbackTaken(String fromTarget, GatewayException error) {
      request.fallback(fromTarget, error);
    }

    @Override
    public void hedgeFired(int member, String firstTarget) {
      request.hedgeFired(member + 1);
    }

    @Override
    public void hedgeWon(int member, String firstTarget) {
      request.hedgeWon(member + 1);
    }

    /** Every chunk the caller gets, the first included (firstChunk needs no handling of its own). */
    @Override
    public void chunk(ChatChunk chunk) {
      streaming.chunk(chunk, engine.ticker().read());
    }

    @Override
    public void event(GatewayEvent event) {
      request.event(event);
    }

    @Override
    public void end(Outcome outcome, ResponseMetadata metadata) {
      // a target still open here never reported its end (the call was cancelled around it)
      for (TargetObserver o : open.values()) {
        o.ended(outcome.error());
      }
      open.clear();
      request.ended(outcome, metadata);
    }

    /** For the request log line. */
    @Nullable String traceId() {
      return request.traceId();
    }
  }

  /** The trace id of a call observed by this listener, or {@code null}. */
  static @Nullable String traceId(CallObserver observer) {
    CallObserver o = observer instanceof GuardedObserver ? ((GuardedObserver) observer).delegate() : observer;
    return o instanceof Observed ? ((Observed) o).traceId() : null;
  }
}
