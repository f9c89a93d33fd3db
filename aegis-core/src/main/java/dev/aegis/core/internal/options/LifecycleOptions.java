package dev.aegis.core.internal.options;

import dev.aegis.api.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Time and threads: the ticker and the clock (injected so tests never sleep), the executor and
 * the scheduler (the gateway's own when unset), and the grace {@code close()} gives calls in
 * flight.
 *
 * <p>Not thread-safe: owned by one builder.
 */
public final class LifecycleOptions {
  private final List<String> problems;
  private Ticker ticker = Ticker.system();
  private Clock clock = Clock.systemUTC();
  private @Nullable ExecutorService executor;
  private @Nullable ScheduledExecutorService scheduler;
  private Duration closeGrace = Duration.ofSeconds(10);

  /** Defaults, reporting refused values to {@code problems}. */
  public LifecycleOptions(List<String> problems) {
    this.problems = problems;
  }

  /** The same settings, reporting to {@code problems}. */
  public LifecycleOptions copy(List<String> problems) {
    LifecycleOptions c = new LifecycleOptions(problems);
    c.ticker = ticker;
    c.clock = clock;
    c.executor = executor;
    c.scheduler = scheduler;
    c.closeGrace = closeGrace;
    return c;
  }

  public void ticker(@Nullable Ticker ticker) {
    if (Checks.present(problems, "ticker", ticker)) {
      this.ticker = ticker;
    }
  }

  public void clock(@Nullable Clock clock) {
    if (Checks.present(problems, "clock", clock)) {
      this.clock = clock;
    }
  }

  public void executor(@Nullable ExecutorService executor) {
    if (Checks.present(problems, "executor", executor)) {
      this.executor = executor;
    }
  }

  public void scheduler(@Nullable ScheduledExecutorService scheduler) {
    if (Checks.present(problems, "scheduler", scheduler)) {
      this.scheduler = scheduler;
    }
  }

  public void closeGracePeriod(@Nullable Duration grace) {
    if (grace == null || grace.isNegative()) {
      problems.add("closeGracePeriod: must be a non-negative duration but was " + grace);
    } else {
      this.closeGrace = grace;
    }
  }

  public Ticker ticker() {
    return ticker;
  }

  public Clock clock() {
    return clock;
  }

  /** Null: the gateway's own, shut down by close. */
  public @Nullable ExecutorService executor() {
    return executor;
  }

  /** Null: the gateway's own, shut down by close. */
  public @Nullable ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public Duration closeGrace() {
    return closeGrace;
  }
}
