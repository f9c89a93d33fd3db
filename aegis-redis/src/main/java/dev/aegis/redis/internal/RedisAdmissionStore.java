package dev.aegis.redis.internal;

import dev.aegis.api.Ticker;
import dev.aegis.api.budget.BudgetCharge;
import dev.aegis.api.budget.BudgetDecision;
import dev.aegis.api.budget.BudgetStatus;
import dev.aegis.api.internal.Gcra;
import dev.aegis.api.limit.Admission;
import dev.aegis.api.limit.AdmissionStore;
import dev.aegis.api.limit.LimitCheck;
import dev.aegis.api.limit.LimitDecision;
import dev.aegis.api.limit.LimitRequest;
import dev.aegis.api.limit.LimitStatus;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.redis.FailureMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rate limits and budgets on Redis, as one {@link AdmissionStore}: a request's limits (GCRA, the
 * same arithmetic as the in-memory store) and its budget reservations are checked and consumed by
 * one script ({@code admit.lua}) in its tenant's hash slot, and settled by one ({@code settle.lua}).
 * Time is the Redis server's clock in microseconds ({@code TIME}), so every instance agrees;
 * tests may inject a shared ticker instead. Rate counters expire when whole again, concurrency
 * counters after a lease (a crashed instance's slots come back then), budget counters a day after
 * their period.
 *
 * <p>Thread-safe; each call borrows a pooled connection for one script and is bounded by the
 * client's socket timeout. Called on the thread running the request's pipeline (the caller's
 * for {@code route()}, the gateway's executor for the async and stream doors), never on an event loop.
 */
public final class RedisAdmissionStore implements AdmissionStore {
  private static final long KEEP_AFTER_END_MS = Duration.ofDays(1).toMillis();
  private static final Script ADMIT = Script.named("admit");
  private static final Script SETTLE = Script.named("settle");

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final StoreCalls limits;
  private final StoreCalls budgets;
  private final @Nullable Ticker ticker;
  private final String leaseMs;

  public RedisAdmissionStore(UnifiedJedis jedis, Keys keys, StoreCalls limits, StoreCalls budgets,
      @Nullable Ticker ticker, Duration concurrencyLease) {
    this.jedis = jedis;
    this.keys = keys;
    this.limits = limits;
    this.budgets = budgets;
    this.ticker = ticker;
    this.leaseMs = Long.toString(concurrencyLease.toMillis());
  }

  @Override
  public LimitDecision acquire(LimitRequest request) {
    return admit(request, List.of()).limits();
  }

  @Override
  public BudgetDecision reserve(String partition, List<BudgetCharge> charges) {
    if (charges.isEmpty()) {
      return new BudgetDecision(true, null, List.of());
    }
    return admit(new LimitRequest(partition, List.of()), charges).budgets();
  }

  @Override
  public Admission admit(LimitRequest request, List<BudgetCharge> charges) {
    List<LimitCheck> checks = request.checks();
    int n = checks.size();
    int m = charges.size();
    List<String> k = new ArrayList<>(n + m);
    List<String> a = new ArrayList<>(4 + n * 4 + m * 3);
    a.add(now());
    a.add(Integer.toString(n));
    a.add(Integer.toString(m));
    a.add(leaseMs);
    for (LimitCheck c : checks) {
      k.add(keys.limit(request.partition(), c.key()));
      RateLimit limit = c.limit();
      boolean concurrent = limit.kind() == RateLimit.Kind.CONCURRENT;
      long period = micros(limit.per());
      a.add(concurrent ? "1" : "0");
      a.add(Long.toString(limit.amount()));
      a.add(Long.toString(period));
      a.add(Long.toString(concurrent ? c.cost() : share(c.cost(), period, limit.amount())));
    }
    for (BudgetCharge c : charges) {
      k.add(keys.budget(request.partition(), c.key()));
      a.add(Long.toString(Money.down(c.budget().amount())));
      a.add(Long.toString(Money.up(c.amount())));
      a.add(Long.toString(c.periodEnd().toEpochMilli() + KEEP_AFTER_END_MS));
    }
    StoreCalls calls = m == 0 ? limits : n == 0 ? budgets : budgets.mode() == FailureMode.FAIL_CLOSED ? budgets
        : limits;
    if (k.isEmpty()) {
      return new Admission(LimitDecision.admit(LimitStatus.NONE), null);
    }
    return calls.run(() -> decode(request, charges, (List<?>) ADMIT.run(jedis, k, a)),
        () -> new Admission(LimitDecision.admit(LimitStatus.NONE), m == 0 ? null : unchecked(charges)));
  }

  @Override
  public void settle(LimitRequest admitted, long actualTokens) {
    settle(admitted, actualTokens, List.of(), BigDecimal.ZERO);
  }

  @Override
  public void settle(String partition, List<BudgetCharge> reserved, BigDecimal actual) {
    settle(new LimitRequest(partition, List.of()), 0, reserved, actual);
  }

  @Override
  public void settle(LimitRequest request, long actualTokens, List<BudgetCharge> charges, BigDecimal actualCost) {
    List<LimitCheck> checks = request.checks();
    int n = checks.size();
    int m = charges.size();
    if (n + m == 0) {
      return;
    }
    List<String> k = new ArrayList<>(n + m);
    List<String> a = new ArrayList<>(4 + n * 3 + m * 3);
    a.add(now());
    a.add(Integer.toString(n));
    a.add(Integer.toString(m));
    a.add(leaseMs);
    for (LimitCheck c : checks) {
      k.add(keys.limit(request.partition(), c.key()));
      RateLimit limit = c.limit();
      long shift = 0;
      if (limit.kind() == RateLimit.Kind.TOKENS && actualTokens != c.cost()) {
        long period = micros(limit.per());
        long delta = actualTokens - c.cost();
        shift = delta > 0 ? share(delta, period, limit.amount()) : -share(-delta, period, limit.amount());
      }
      a.add(limit.kind() == RateLimit.Kind.CONCURRENT ? "1" : limit.kind() == RateLimit.Kind.TOKENS ? "2" : "0");
      a.add(Long.toString(c.cost()));
      a.add(Long.toString(shift));
    }
    String actual = Long.toString(Money.up(actualCost));
    for (BudgetCharge c : charges) {
      k.add(keys.budget(request.partition(), c.key()));
      a.add(Long.toString(Money.up(c.amount())));
      a.add(actual);
      a.add(Long.toString(c.periodEnd().toEpochMilli() + KEEP_AFTER_END_MS));
    }
    StoreCalls calls = m == 0 ? limits : budgets;
    calls.run(() -> SETTLE.run(jedis, k, a), () -> null);
  }

  @Override
  public BudgetStatus status(String partition, BudgetCharge charge) {
    return budgets.run(() -> {
      List<String> h = jedis.hmget(keys.budget(partition, charge.key()), "s", "r");
      return status(charge, parse(h.get(0)), parse(h.get(1)));
    }, () -> status(charge, 0, 0));
  }

  private Admission decode(LimitRequest request, List<BudgetCharge> charges, List<?> out) {
    long now = (Long) out.get(0);
    int rejected = ((Long) out.get(1)).intValue();
    long wait = (Long) out.get(2);
    List<LimitCheck> checks = request.checks();
    int n = checks.size();
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = (Long) out.get(3 + i);
    }
    LimitStatus status = n == 0 ? LimitStatus.NONE : status(checks, values, now);
    LimitDecision limitDecision = rejected == 0 ? LimitDecision.admit(status)
        : LimitDecision.reject(checks.get(rejected - 1), Duration.ofNanos(wait * 1000), status);
    int verdict = ((Long) out.get(3 + n)).intValue();
    if (verdict < 0) {
      return new Admission(limitDecision, null);
    }
    int refused = ((Long) out.get(4 + n)).intValue();
    List<BudgetStatus> statuses = new ArrayList<>(charges.size());
    for (int j = 0; j < charges.size(); j++) {
      statuses.add(status(charges.get(j), (Long) out.get(5 + n + 2 * j), (Long) out.get(6 + n + 2 * j)));
    }
    return new Admission(limitDecision,
        new BudgetDecision(verdict == 1, verdict == 1 ? null : charges.get(refused - 1), statuses));
  }

  /** What the fail-open path reports: every charge reserved against a store it could not read. */
  private static BudgetDecision unchecked(List<BudgetCharge> charges) {
    List<BudgetStatus> statuses = new ArrayList<>(charges.size());
    for (BudgetCharge c : charges) {
      statuses.add(status(c, 0, 0));
    }
    return new BudgetDecision(true, null, statuses);
  }

  private static BudgetStatus status(BudgetCharge c, long spentUnits, long reservedUnits) {
    BigDecimal spent = Money.of(spentUnits);
    BigDecimal reserved = Money.of(reservedUnits);
    BigDecimal remaining = c.budget().amount().subtract(spent).subtract(reserved).max(BigDecimal.ZERO);
    return new BudgetStatus(c.budget(), c.periodId(), c.periodEnd(), spent, reserved, remaining);
  }

  /** The in-memory store's status rule ({@link Gcra}), on the script's counter values (microseconds). */
  private static LimitStatus status(List<LimitCheck> checks, long[] values, long now) {
    long[] backlog = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      backlog[i] = Math.max(0, values[i] - now) * 1000;
    }
    return Gcra.status(checks, backlog);
  }

  private String now() {
    return ticker == null ? "-1" : Long.toString(ticker.read() / 1000);
  }

  private static long micros(Duration d) {
    return d.toNanos() / 1000;
  }

  private static long parse(@Nullable String s) {
    return s == null ? 0 : Long.parseLong(s);
  }

  private static long share(long cost, long period, long amount) {
    return Gcra.share(cost, period, amount);
  }
}
