package dev.aegis.core.internal;

import dev.aegis.api.event.EventHook;
import dev.aegis.api.event.GatewayEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to hooks on one daemon thread, off every request's path. {@link #publish} never
 * blocks: when the bounded queue is full the event is dropped and counted. A hook that throws is
 * counted and logged at debug level, and the next hook still runs.
 */
public final class HookDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(HookDispatcher.class);

  private final List<EventHook> hooks;
  private final ArrayBlockingQueue<GatewayEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  public HookDispatcher(List<EventHook> hooks, int capacity) {
    this.hooks = List.copyOf(hooks);
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
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
    if (!queue.offer(event)) {
      dropped.incrementAndGet();
    }
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
      GatewayEvent event;
      try {
        event = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event == null) {
        if (closing) {
          return;
        }
        continue;
      }
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
    closing = true;
    if (hooks.isEmpty()) {
      return;
    }
    try {
      thread.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      dropped.addAndGet(queue.size());
      queue.clear();
    }
  }
}
