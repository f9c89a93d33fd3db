package dev.aegis.api.provider;

import dev.aegis.api.Ticker;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.internal.StandaloneCall;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context of one attempt against a provider: which target it serves and with which upstream
 * model, the target's extra headers and body parameters, the monotonic deadline, and
 * cancellation.
 *
 * <p>Adapters must honour the deadline (set their HTTP call timeout to {@link #remaining()}) and
 * register an {@link #onCancel} action that closes their upstream call, so that cancelling a
 * future or a stream reaches the socket.
 *
 * <p>Thread-safe: {@code onCancel} and {@code isCancelled} may be called from any thread.
 */
public interface ProviderCall {

  /** The target name this attempt serves. */
  String target();

  /** The upstream model to ask for (the target's override, else the requested model). */
  String model();

  /** Extra HTTP headers configured on the target, never null. */
  Map<String, String> headers();

  /** Extra body parameters configured on the target (JSON-compatible values), never null. */
  Map<String, Object> params();

  /** The ticker the deadline is measured on. */
  Ticker ticker();

  /** The deadline as a {@link #ticker()} reading. */
  long deadlineNanos();

  /** Time left before the deadline; zero or negative when it has passed. */
  default Duration remaining() {
    return Duration.ofNanos(deadlineNanos() - ticker().read());
  }

  /** Whether the attempt was cancelled. */
  boolean isCancelled();

  /**
   * Registers an action to run when the attempt is cancelled (typically closing the HTTP call).
   * Runs it at once, on the calling thread, if the attempt is already cancelled.
   */
  void onCancel(Runnable action);

  /** Which attempt this is for the request, starting at 1. */
  int attempt();

  /**
   * A builder for a stand-alone call, for using a provider directly (tests, benchmarks) without a
   * gateway.
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a stand-alone {@link ProviderCall}. Not thread-safe. */
  final class Builder {
    private String target = "direct";
    private @Nullable String model;
    private Map<String, String> headers = Map.of();
    private Map<String, Object> params = Map.of();
    private Ticker ticker = Ticker.system();
    private Duration timeout = Duration.ofMinutes(5);
    private @Nullable Cancellation cancellation;

    private Builder() {}

    public Builder target(String target) {
      this.target = Checks.notNull(target, "target");
      return this;
    }

    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers = Checks.copyOf(headers, "headers");
      return this;
    }

    public Builder params(Map<String, Object> params) {
      this.params = Checks.copyOf(params, "params");
      return this;
    }

    public Builder ticker(Ticker ticker) {
      this.ticker = Checks.notNull(ticker, "ticker");
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Checks.notNull(timeout, "timeout");
      return this;
    }

    /** Lets the holder of {@code cancellation} cancel the built call; without it the call is never cancelled. */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = Checks.notNull(cancellation, "cancellation");
      return this;
    }

    public ProviderCall build() {
      return new StandaloneCall(target, Checks.notNull(model, "model"), headers, params, ticker,
          ticker.read() + timeout.toNanos(), cancellation == null ? new Cancellation() : cancellation);
    }
  }

  /**
   * The cancel switch of stand-alone calls ({@link Builder#cancellation}): {@link #cancel()} runs
   * every action the calls registered with {@link ProviderCall#onCancel}, once.
   *
   * <pre>{@code
   * ProviderCall.Cancellation cancel = new ProviderCall.Cancellation();
   * ProviderCall call = ProviderCall.builder().model("gpt-4o").cancellation(cancel).build();
   * // on another thread: cancel.cancel();  -- closes the upstream HTTP call
   * }</pre>
   *
   * <p>Thread-safe.
   */
  final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    /** Whether {@link #cancel()} ran. */
    public boolean isCancelled() {
      return cancelled.get();
    }

    /** Runs {@code action} on cancel, or at once on the calling thread if already cancelled. */
    public void onCancel(Runnable action) {
      actions.add(Checks.notNull(action, "action"));
      if (cancelled.get() && actions.remove(action)) {
        action.run();
      }
    }

    /** Cancels, running every registered action once. Idempotent. */
    public void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        for (Runnable r : actions) {
          if (actions.remove(r)) {
            r.run();
          }
        }
      }
    }
  }
}
