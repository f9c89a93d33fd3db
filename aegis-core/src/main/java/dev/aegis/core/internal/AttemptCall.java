package dev.aegis.core.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.core.internal.telemetry.TargetObserver;
import java.util.Map;

/** The {@link ProviderCall} of one attempt: its own cancel signal, child of the request's. */
final class AttemptCall implements ProviderCall {
  private final TargetRuntime target;
  private final String model;
  private final Ticker ticker;
  private final long deadline;
  private final int attempt;
  final CancelSignal signal;
  final Call.Branch branch;
  /** The target's headers, plus trace headers when propagation is on. */
  private final Map<String, String> headers;
  final TargetObserver observer;
  /** When the first content chunk of a stream arrived (ticker reading), or 0. */
  volatile long firstContentNanos;

  AttemptCall(TargetRuntime target, String model, Ticker ticker, long deadline, int attempt, CancelSignal signal,
      Call.Branch branch, Map<String, String> headers, TargetObserver observer) {
    this.headers = headers;
    this.observer = observer;
    this.target = target;
    this.model = model;
    this.ticker = ticker;
    this.deadline = deadline;
    this.attempt = attempt;
    this.signal = signal;
    this.branch = branch;
  }

  @Override public String target() { return target.name(); }
  @Override public String model() { return model; }
  @Override public Map<String, String> headers() { return headers; }
  @Override public Map<String, Object> params() { return target.params; }
  @Override public Ticker ticker() { return ticker; }
  @Override public long deadlineNanos() { return deadline; }
  @Override public boolean isCancelled() { return signal.isCancelled(); }
  @Override public void onCancel(Runnable action) { signal.onCancel(action); }
  @Override public int attempt() { return attempt; }
}
