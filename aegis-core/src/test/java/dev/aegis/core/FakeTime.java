package dev.aegis.core;

import dev.aegis.api.Ticker;
import dev.aegis.core.resilience.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A hand-driven ticker, a sleeper that advances it instead of waiting (recording each wait), and
 * a {@link FakeScheduler} whose tasks run as it advances.
 */
final class FakeTime implements Ticker, Sleeper {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final FakeScheduler scheduler = new FakeScheduler(this);

  @Override
  public long read() {
    return nanos.get();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    scheduler.runDue();
  }

  @Override
  public void sleep(Duration duration, BooleanSupplier cancelled) {
    sleeps.add(duration);
    advance(duration);
  }
}
