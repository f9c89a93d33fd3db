package dev.aegis.core.internal;

import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Failsafe {@link Scheduler} that runs every task on the calling thread, after waiting through
 * the gateway's injected sleeper. Driving Failsafe's asynchronous API with it keeps retries on the
 * request's own thread ({@code route()} runs on the caller's thread) and makes backoff waits go
 * through the injected time source, so tests neither sleep nor race. The future Failsafe returns
 * is therefore complete when {@code getAsync} returns.
 */
final class InlineScheduler implements Scheduler {
  private final Consumer<Duration> sleep;

  InlineScheduler(Consumer<Duration> sleep) {
    this.sleep = sleep;
  }

  @Override
  public ScheduledFuture<?> schedule(Callable<?> task, long delay, TimeUnit unit) {
    if (delay > 0) {
      sleep.accept(Duration.ofNanos(unit.toNanos(delay)));
    }
    try {
      task.call();
    } catch (Exception e) {
      // Failsafe's own tasks record their outcome in the execution; nothing escapes to here
      throw new IllegalStateException("a Failsafe task failed", e);
    }
    return Done.INSTANCE;
  }

  /** The future of a task that has already run. */
  private static final class Done implements ScheduledFuture<Object> {
    static final Done INSTANCE = new Done();

    @Override public long getDelay(TimeUnit unit) { return 0; }
    @Override public int compareTo(Delayed o) { return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS)); }
    @Override public boolean cancel(boolean mayInterruptIfRunning) { return false; }
    @Override public boolean isCancelled() { return false; }
    @Override public boolean isDone() { return true; }
    @Override public Object get() { return null; }
    @Override public Object get(long timeout, TimeUnit unit) { return null; }
  }
}
