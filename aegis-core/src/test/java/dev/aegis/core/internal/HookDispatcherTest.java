package dev.aegis.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.event.RequestInfo;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.chat.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hook queue: bounded, drops counted exactly, and close delivers what was queued. */
class HookDispatcherTest {

  private static GatewayEvent event(int i) {
    return new RequestCompleted(Instant.EPOCH, RequestInfo.of("req-" + i, null, "m"), Exchange.Door.ROUTE, "t", "p",
        "m", 1, Duration.ZERO, Usage.ZERO, null, false);
  }

  @Test
  void closeDeliversEverythingQueuedBeforeIt() {
    List<String> seen = new CopyOnWriteArrayList<>();
    HookDispatcher hooks = new HookDispatcher(List.of(new HookDispatcher.Registration(e -> seen.add(((RequestCompleted) e).requestId()), EventFilter.all())), 8, 1);
    for (int i = 0; i < 5; i++) {
      hooks.publish(event(i));
    }
    hooks.close(Duration.ofSeconds(10));
    assertThat(seen).containsExactly("req-0", "req-1", "req-2", "req-3", "req-4");
    assertThat(hooks.delivered()).isEqualTo(5);
    assertThat(hooks.dropped()).isZero();
    hooks.publish(event(99)); // after close: ignored, not queued
    assertThat(hooks.delivered()).isEqualTo(5);
    assertThat(hooks.dropped()).isZero();
  }

  @Test
  void aFullQueueDropsAndCountsExactlyTheOverflow() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    HookDispatcher hooks = new HookDispatcher(List.of(new HookDispatcher.Registration(e -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      seen.add(((RequestCompleted) e).requestId());
    }, EventFilter.all())), 3, 1);
    hooks.publish(event(0));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the hook holds event 0; the queue is empty
    for (int i = 1; i <= 6; i++) {
      hooks.publish(event(i)); // 1..3 fit, 4..6 overflow
    }
    assertThat(hooks.dropped()).isEqualTo(3);
    release.countDown();
    hooks.close(Duration.ofSeconds(10));
    assertThat(seen).containsExactly("req-0", "req-1", "req-2", "req-3");
    assertThat(hooks.delivered()).isEqualTo(4);
    assertThat(hooks.dropped()).isEqualTo(3);
  }
}
