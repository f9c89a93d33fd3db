package dev.aegis.core;

import dev.aegis.api.Ticker;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on fake time: a task runs when {@link FakeTime#advance} moves the ticker past its
 * due time, on the thread that advanced it. Nothing ever waits for real time.
 */
final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final Ticker ticker;
  private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
  private long seq;

  FakeScheduler(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Runs every task that is due, in due order (tasks scheduled meanwhile included). */
  void runDue() {
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due - ticker.read() > 0) {
          return;
        }
        tasks.poll();
      }
      next.run();
    }
  }

  /** How many tasks wait, cancelled ones included. */
  synchronized int pending() {
    return tasks.size();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(Executors.callable(command), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(callable, delay, unit);
  }

  private synchronized <V> ScheduledFuture<V> add(Callable<V> c, long delay, TimeUnit unit) {
    Task<V> t = new Task<>(c, ticker.read() + unit.toNanos(delay), seq++);
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("the gateway schedules one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("the gateway schedules one-shot tasks only");
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override public void shutdown() {}
  @Override public List<Runnable> shutdownNow() { return List.of(); }
  @Override public boolean isShutdown() { return false; }
  @Override public boolean isTerminated() { return false; }
  @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final long due;
    final long order;

    Task(Callable<V> c, long due, long order) {
      super(c);
      this.due = due;
      this.order = order;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - ticker.read(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Task<?> other = (Task<?>) o;
      int c = Long.compare(due, other.due);
      return c != 0 ? c : Long.compare(order, other.order);
    }
  }
}
