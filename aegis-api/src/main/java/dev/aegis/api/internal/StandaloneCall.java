package dev.aegis.api.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.provider.ProviderCall;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ProviderCall} for using a provider without a gateway. Cancellable. Thread-safe. Not
 * public API beyond {@link ProviderCall#builder()}.
 */
public final class StandaloneCall implements ProviderCall {
  private final String target;
  private final String model;
  private final Map<String, String> headers;
  private final Map<String, Object> params;
  private final Ticker ticker;
  private final long deadline;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

  public StandaloneCall(String target, String model, Map<String, String> headers,
      Map<String, Object> params, Ticker ticker, long deadline) {
    this.target = target;
    this.model = model;
    this.headers = headers;
    this.params = params;
    this.ticker = ticker;
    this.deadline = deadline;
  }

  @Override public String target() { return target; }
  @Override public String model() { return model; }
  @Override public Map<String, String> headers() { return headers; }
  @Override public Map<String, Object> params() { return params; }
  @Override public Ticker ticker() { return ticker; }
  @Override public long deadlineNanos() { return deadline; }
  @Override public boolean isCancelled() { return cancelled.get(); }
  @Override public int attempt() { return 1; }

  @Override
  public void onCancel(Runnable action) {
    onCancel.add(action);
    if (cancelled.get() && onCancel.remove(action)) {
      action.run();
    }
  }

  /** Cancels the call, running every registered action once. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable r : onCancel) {
        if (onCancel.remove(r)) {
          r.run();
        }
      }
    }
  }
}
