package dev.aegis.providers.openai.server.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs submitted tasks one at a time, in order, on whichever submitting thread finds the queue
 * idle; so the stream pump's state is touched by one thread at a time without a lock, and no
 * thread waits for another.
 *
 * <p>Thread-safe.
 */
final class SerialQueue implements Executor {
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (pending.getAndIncrement() != 0) {
      return;
    }
    do {
      Runnable next = tasks.poll();
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        // a bug in a task must not wedge the queue: report it and run the rest
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
      }
    } while (pending.decrementAndGet() != 0);
  }
}
