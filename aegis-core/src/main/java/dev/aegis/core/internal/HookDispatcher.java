package dev.aegis.core.internal;

import dev.aegis.api.event.EventHook;
import dev.aegis.api.event.GatewayEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to hooks on one daemon thread, off every request's path. {@link #publish} never
 * blocks: when the bounded queue is full the event is dropped and counted. A hook that throws is
 * counted and logged at debug level, and the next hook still runs. The thread waits for events
 * without a timeout; {@link #close} wakes it with an end marker, which always has room (the
 * queue keeps one slot for it), so closing never waits on a polling interval.
 */
public final class HookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);

  private final List<EventHook> hooks;
  /** The end marker {@link #close} queues behind the last event. */
  private static final Object END = new Object();

  private final int capacity;
  private final ArrayBlockingQueue<Object> queue;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  public HookDispatcher(List<EventHook> hooks, int capacity) {
    this.hooks = List.copyOf(hooks);
    this.capacity = Math.max(1, capacity);
    this.queue = new ArrayBlockingQueue<>(this.capacity + 1);
    this.thread = new Thread(this::loop, "aegis-hooks");
    this.thread.setDaemon(true);
    if (!this.hooks.isEmpty()) {
      thread.start();
    }
  }

  /** Whether any hook is registered; callers skip building events when not. */
  public boolean enabled() {
    return !hooks.isEmpty();
  }

  public void publish(GatewayEvent event) {
    if (hooks.isEmpty() || closing) {
      return;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(event); // room is reserved: the counter admits at most capacity events
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
      GatewayEvent event = (GatewayEvent) next;
      for (EventHook hook : hooks) {
        try {
          hook.onEvent(event);
        } catch (Throwable t) {
          failed.incrementAndGet();
          LOG.debug("hook {} failed on {}", hook.getClass().getName(), event.name(), t);
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
    queue.offer(END); // the slot kept free for it: always accepted
    try {
      thread.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      int left = queue.size();
      queue.clear();
      dropped.addAndGet(Math.max(0, left - 1)); // the end marker is no event
    }
  }
}
