package dev.aegis.providers.openai.server;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the endpoint's timers (the keep-alive comments of a stream that waits for its first
 * token). Injectable so that tests advance time by hand and a Vert.x binding can use its own
 * timers.
 *
 * <pre>{@code
 * ServerScheduler timers = (delay, task) -> {
 *   long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
 *   return () -> vertx.cancelTimer(id);
 * };
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ServerScheduler {

  /** Runs {@code task} once after {@code delay}; the returned action cancels it. */
  Runnable schedule(Duration delay, Runnable task);

  /** A scheduler on one shared daemon thread of the JVM. */
  static ServerScheduler system() {
    return SystemScheduler.INSTANCE;
  }
}

/** The shared daemon-thread scheduler behind {@link ServerScheduler#system()}. Thread-safe. */
final class SystemScheduler implements ServerScheduler {
  static final SystemScheduler INSTANCE = new SystemScheduler();
  private final ScheduledThreadPoolExecutor executor;

  private SystemScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "aegis-endpoint-timer");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Runnable schedule(Duration delay, Runnable task) {
    var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
