package dev.aegis.core.internal.budget;

import dev.aegis.api.budget.BudgetCharge;
import dev.aegis.api.budget.BudgetDecision;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.budget.BudgetStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link BudgetStore}: spent and reserved amounts per budget period in a concurrent
 * map, on the gateway's wall clock. All counters of one request share its partition (the tenant);
 * one lock per partition stripe makes checking every budget and reserving on all of them (or
 * none) one atomic step. Counters are dropped a day after their period ends.
 */
public final class InMemoryBudgetStore implements BudgetStore {
  private static final int STRIPES = 64;
  private static final Duration KEEP_AFTER_END = Duration.ofDays(1);

  private final Clock clock;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final AtomicInteger sinceSweep = new AtomicInteger();

  /** One period's money; written only under its partition's lock. */
  private static final class Counter {
    final Instant periodEnd;
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;

    Counter(Instant periodEnd) {
      this.periodEnd = periodEnd;
    }
  }

  public InMemoryBudgetStore(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  @Override
  public BudgetDecision reserve(String partition, List<BudgetCharge> charges) {
    sweepNowAndThen();
    ReentrantLock lock = lock(partition);
    lock.lock();
    try {
      BudgetCharge rejected = null;
      for (BudgetCharge c : charges) {
        Counter k = counters.get(key(partition, c));
        BigDecimal taken = k == null ? BigDecimal.ZERO : k.spent.add(k.reserved);
        if (taken.add(c.amount()).compareTo(c.budget().amount()) > 0) {
          rejected = c;
          break;
        }
      }
      if (rejected == null) {
        for (BudgetCharge c : charges) {
          Counter k = counters.computeIfAbsent(key(partition, c), x -> new Counter(c.periodEnd()));
          k.reserved = k.reserved.add(c.amount());
        }
      }
      List<BudgetStatus> statuses = new ArrayList<>(charges.size());
      for (BudgetCharge c : charges) {
        statuses.add(statusOf(partition, c));
      }
      return new BudgetDecision(rejected == null, rejected, statuses);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void settle(String partition, List<BudgetCharge> reserved, BigDecimal actual) {
    ReentrantLock lock = lock(partition);
    lock.lock();
    try {
      for (BudgetCharge c : reserved) {
        Counter k = counters.computeIfAbsent(key(partition, c), x -> new Counter(c.periodEnd()));
        k.reserved = k.reserved.subtract(c.amount()).max(BigDecimal.ZERO);
        k.spent = k.spent.add(actual);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public BudgetStatus status(String partition, BudgetCharge charge) {
    ReentrantLock lock = lock(partition);
    lock.lock();
    try {
      return statusOf(partition, charge);
    } finally {
      lock.unlock();
    }
  }

  private BudgetStatus statusOf(String partition, BudgetCharge c) {
    Counter k = counters.get(key(partition, c));
    BigDecimal spent = k == null ? BigDecimal.ZERO : k.spent;
    BigDecimal reserved = k == null ? BigDecimal.ZERO : k.reserved;
    BigDecimal remaining = c.budget().amount().subtract(spent).subtract(reserved).max(BigDecimal.ZERO);
    return new BudgetStatus(c.budget(), c.periodId(), c.periodEnd(), spent, reserved, remaining);
  }

  /** Drops counters of periods that ended more than a day ago; at most once per 1024 reservations. */
  private void sweepNowAndThen() {
    if (sinceSweep.incrementAndGet() < 1024) {
      return;
    }
    sinceSweep.set(0);
    Instant cutoff = clock.instant().minus(KEEP_AFTER_END);
    counters.values().removeIf(k -> k.periodEnd.isBefore(cutoff) && k.reserved.signum() == 0);
  }

  private ReentrantLock lock(String partition) {
    return locks[(partition.hashCode() & 0x7fffffff) % STRIPES];
  }

  private static String key(String partition, BudgetCharge c) {
    return partition + '|' + c.key();
  }

  /** For tests: live counters. */
  int size() {
    return counters.size();
  }
}
