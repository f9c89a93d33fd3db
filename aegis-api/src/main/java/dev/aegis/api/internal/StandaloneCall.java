package dev.aegis.api.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.provider.ProviderCall;
import java.util.Map;

/**
 * The {@link ProviderCall} that {@link ProviderCall#builder()} builds, for using a provider without a
 * gateway; cancelled through its {@link ProviderCall.Cancellation}. Not public API. Thread-safe.
 */
public final class StandaloneCall implements ProviderCall {
  private final String target;
  private final String model;
  private final Map<String, String> headers;
  private final Map<String, Object> params;
  private final Ticker ticker;
  private final long deadline;
  private final ProviderCall.Cancellation cancellation;

  public StandaloneCall(String target, String model, Map<String, String> headers,
      Map<String, Object> params, Ticker ticker, long deadline, ProviderCall.Cancellation cancellation) {
    this.target = target;
    this.model = model;
    this.headers = headers;
    this.params = params;
    this.ticker = ticker;
    this.deadline = deadline;
    this.cancellation = cancellation;
  }

  @Override public String target() { return target; }
  @Override public String model() { return model; }
  @Override public Map<String, String> headers() { return headers; }
  @Override public Map<String, Object> params() { return params; }
  @Override public Ticker ticker() { return ticker; }
  @Override public long deadlineNanos() { return deadline; }
  @Override public boolean isCancelled() { return cancellation.isCancelled(); }
  @Override public int attempt() { return 1; }

  @Override
  public void onCancel(Runnable action) {
    cancellation.onCancel(action);
  }
}
