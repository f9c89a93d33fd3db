package dev.aegis.providers.openai.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link ServerScheduler} whose time moves only when the test says so. */
public final class ManualScheduler implements ServerScheduler {
  private final List<Task> tasks = new ArrayList<>();
  private long now;

  @Override
  public synchronized Runnable schedule(Duration delay, Runnable task) {
    Task t = new Task(now + delay.toNanos(), task);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        tasks.remove(t);
      }
    };
  }

  /** Advances the time and runs what fell due, in order. */
  public void advance(Duration d) {
    long until;
    synchronized (this) {
      until = now + d.toNanos();
    }
    while (true) {
      Task due = null;
      synchronized (this) {
        for (Task t : tasks) {
          if (t.at <= until && (due == null || t.at < due.at)) due = t;
        }
        if (due == null) {
          now = until;
          return;
        }
        tasks.remove(due);
        now = due.at;
      }
      due.task.run();
    }
  }

  public synchronized int pending() {
    return tasks.size();
  }

  private record Task(long at, Runnable task) {}
}
