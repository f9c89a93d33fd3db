package dev.aegis.core.internal;

import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.EventHook;
import dev.aegis.api.event.GatewayEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to hooks on a few daemon worker threads, off every request's path.
 * {@link #publish} never blocks: when the bounded queue is full the event is dropped and counted.
 * Each hook has a filter (type, tenant, outcome), applied on the worker. A hook that throws is
 * counted and logged at debug level, and the next hook still runs. With one worker (the default)
 * events reach a hook in publication order, one at a time; with more, hooks must be thread-safe.
 * Workers wait for events without a timeout; {@link #close} wakes each with an end marker, which
 * always has room (the queue keeps a slot per worker for it), so closing never waits on a polling
 * interval.
 */
public final class HookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);

  /** A hook with the filter it was registered with. */
  public record Registration(EventHook hook, EventFilter filter) {}

  /** An event with the tenant of the request that published it (null for gateway-wide events). */
  private record Entry(GatewayEvent event, @Nullable String tenant) {}

  private final List<Registration> hooks;
  /** The end marker {@link #close} queues behind the last event. */
  private static final Object END = new Object();

  private final int capacity;
  private final ArrayBlockingQueue<Object> queue;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final List<Thread> workers;
  private volatile boolean closing;

  public HookDispatcher(List<Registration> hooks, int capacity, int workers) {
    this.hooks = List.copyOf(hooks);
    this.capacity = Math.max(1, capacity);
    int n = this.hooks.isEmpty() ? 0 : Math.max(1, workers);
    this.queue = new ArrayBlockingQueue<>(this.capacity + Math.max(1, n));
    List<Thread> threads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(this::loop, n == 1 ? "aegis-hooks" : "aegis-hooks-" + (i + 1));
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    this.workers = List.copyOf(threads);
  }

  /** Whether any hook is registered; callers skip building events when not. */
  public boolean enabled() {
    return !hooks.isEmpty();
  }

  public void publish(GatewayEvent event) {
    publish(event, null);
  }

  /** Queues an event published for a request of {@code tenant} (what tenant filters match). */
  public void publish(GatewayEvent event, @Nullable String tenant) {
    if (hooks.isEmpty() || closing) {
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(new Entry(event, tenant)); // room is reserved: the counter admits at most capacity events
  }

  public long dropped() {
    return dropped.get();
  }

  public long failed() {
    return failed.get();
  }

  public long delivered() {
    return delivered.get();
  }

  /** Events waiting for a worker. */
  public int queued() {
    return Math.max(0, queued.get());
  }

  public int capacity() {
    return capacity;
  }

  private void loop() {
    while (true) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == END) {
        return;
      }
      queued.decrementAndGet();
      Entry entry = (Entry) next;
      GatewayEvent event = entry.event();
      for (Registration r : hooks) {
        try {
          if (r.filter().test(event, entry.tenant())) {
            r.hook().onEvent(event);
          }
        } catch (Throwable t) {
          failed.incrementAndGet();
          LOG.debug("hook {} failed on {}", r.hook().getClass().getName(), event.name(), t);
        }
      }
      delivered.incrementAndGet();
    }
  }

  /** Stops accepting events, delivers what is queued within {@code grace}, then stops the thread. */
  public void close(Duration grace) {
    if (closing) {
      return;
    }
    closing = true;
    if (hooks.isEmpty()) {
      return;
    }
    for (int i = 0; i < workers.size(); i++) {
      queue.offer(END); // the slots kept free for them: always accepted
    }
    long deadline = System.nanoTime() + Math.max(1, grace.toNanos());
    boolean alive = false;
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        t.interrupt();
        alive = true;
      }
    }
    if (alive) {
      int left = 0;
      for (Object o : queue) {
        if (o != END) {
          left++;
        }
      }
      queue.clear();
      dropped.addAndGet(left);
    }
  }
}
