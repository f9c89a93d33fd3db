package dev.aegis.core.internal.options;

import dev.aegis.core.resilience.RetryBudget;
import dev.aegis.core.resilience.Sleeper;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long calls may take and how they retry: the request deadline, the stream idle timeout, the
 * retry budget shared by retries and hedges, and how backoff waits.
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class ResilienceOptions {
  private final List<String> problems;
  private Duration requestTimeout = Duration.ofMinutes(10);
  private Duration streamIdleTimeout = Duration.ofMinutes(5);
  private RetryBudget retryBudget = RetryBudget.DEFAULT;
  private @Nullable Sleeper sleeper;

  /** Defaults, reporting refused values to {@code problems}. */
  public ResilienceOptions(List<String> problems) {
    this.problems = problems;
  }

  /** The same settings, reporting to {@code problems}. */
  public ResilienceOptions copy(List<String> problems) {
    ResilienceOptions c = new ResilienceOptions(problems);
    c.requestTimeout = requestTimeout;
    c.streamIdleTimeout = streamIdleTimeout;
    c.retryBudget = retryBudget;
    c.sleeper = sleeper;
    return c;
  }

  public void requestTimeout(@Nullable Duration timeout) {
    if (Checks.positive(problems, "requestTimeout", timeout)) {
      this.requestTimeout = timeout;
    }
  }

  public void streamIdleTimeout(@Nullable Duration timeout) {
    if (Checks.positive(problems, "streamIdleTimeout", timeout)) {
      this.streamIdleTimeout = timeout;
    }
  }

  public void retryBudget(@Nullable RetryBudget budget) {
    if (Checks.present(problems, "retryBudget", budget)) {
      this.retryBudget = budget;
    }
  }

  public void sleeper(@Nullable Sleeper sleeper) {
    if (Checks.present(problems, "sleeper", sleeper)) {
      this.sleeper = sleeper;
    }
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public Duration streamIdleTimeout() {
    return streamIdleTimeout;
  }

  public RetryBudget retryBudget() {
    return retryBudget;
  }

  /** Null: backoff waits on the scheduler. */
  public @Nullable Sleeper sleeper() {
    return sleeper;
  }
}
