package dev.aegis.redis.internal;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageRecord;
import dev.aegis.api.usage.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Usage buckets on Redis: per tenant and granularity, one hash per bucket start
 * ({@code {tenant}:u:MINUTE:<epoch second>}) whose fields are {@code key \0 model \0 provider \0 metric}
 * counters, each bucket expiring after its granularity's retention. {@link #add} only queues the
 * record: one writer thread adds it to its minute, hour and day buckets with one script, so the
 * request's thread makes no round trip for usage (the queue is bounded; a full queue or a failed
 * write drops the record and counts it). {@link #query} first waits for the queue to drain.
 *
 * <p>Thread-safe.
 */
public final class RedisUsageStore implements UsageStore, AutoCloseable {
  private static final Script ADD = Script.named("usage-add");
  private static final String[] METRICS = {"q", "f", "i", "o", "cr", "cw", "rs", "c", "u"};

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final StoreCalls calls;
  private final Map<Granularity, Duration> retention;
  private final Duration timeout;
  private final BlockingQueue<UsageRecord> queue;
  private final Set<String> knownTenants = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private long pending; // guarded by lock
  private final Thread writer;
  private volatile boolean closed;

  public RedisUsageStore(UnifiedJedis jedis, Keys keys, StoreCalls calls, Map<Granularity, Duration> retention,
      int queueCapacity, Duration timeout) {
    this.jedis = jedis;
    this.keys = keys;
    this.calls = calls;
    this.retention = new EnumMap<>(retention);
    this.timeout = timeout;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::write, "aegis-redis-usage");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void add(UsageRecord record) {
    lock.lock();
    try {
      if (closed || !queue.offer(record)) {
        dropped.incrementAndGet();
        return;
      }
      pending++;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<UsageBucket> query(UsageQuery q) {
    flush(timeout.multipliedBy(10));
    return calls.run(() -> read(q), List::of);
  }

  /** Waits until every queued record was written (or dropped), at most {@code wait}. */
  public boolean flush(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    lock.lock();
    try {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        drained.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Records dropped: queue full, store closed, or Redis failed. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    flush(timeout.multipliedBy(10));
    closed = true;
    writer.interrupt();
  }

  private void write() {
    while (!closed) {
      UsageRecord r;
      try {
        r = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r == null) {
        continue;
      }
      try {
        writeOne(r);
        calls.answered();
      } catch (JedisException e) {
        dropped.incrementAndGet();
        calls.failed(e, () -> null);
      } catch (RuntimeException e) {
        dropped.incrementAndGet();
      } finally {
        lock.lock();
        try {
          if (--pending == 0) {
            drained.signalAll();
          }
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private void writeOne(UsageRecord r) {
    String tenant = orDash(r.tenant());
    List<String> k = new ArrayList<>(3);
    List<String> a = new ArrayList<>(13);
    a.add(orDash(r.keyId()) + '\0' + orDash(r.model()) + '\0' + orDash(r.provider()));
    for (Granularity g : Granularity.values()) {
      Instant start = align(r.timestamp(), g);
      k.add(keys.usage(tenant, g.name(), start.getEpochSecond()));
      a.add(Long.toString(start.plus(g.width()).plus(retention.get(g)).toEpochMilli()));
    }
    Usage u = r.usage();
    a.add("1");
    a.add(r.status() == Outcome.Status.SUCCESS ? "0" : "1");
    a.add(Long.toString(u.inputTokens()));
    a.add(Long.toString(u.outputTokens()));
    a.add(Long.toString(u.cacheReadTokens()));
    a.add(Long.toString(u.cacheWriteTokens()));
    a.add(Long.toString(u.reasoningTokens()));
    a.add(r.cost() == null ? "0" : Long.toString(Money.up(r.cost())));
    a.add(r.cost() == null ? "1" : "0");
    ADD.run(jedis, k, a);
    if (knownTenants.add(tenant)) {
      jedis.sadd(keys.usageTenants(), tenant);
    }
  }

  private List<UsageBucket> read(UsageQuery q) {
    Granularity g = q.granularity();
    List<String> tenants = q.tenant() != null ? List.of(q.tenant())
        : new ArrayList<>(jedis.smembers(keys.usageTenants()));
    Instant from = align(q.from(), g);
    if (from.isBefore(q.from())) {
      from = from.plus(g.width());
    }
    List<UsageBucket> out = new ArrayList<>();
    for (String tenant : tenants) {
      for (Instant start = from; start.isBefore(q.to()); start = start.plus(g.width())) {
        Map<String, String> h = jedis.hgetAll(keys.usage(tenant, g.name(), start.getEpochSecond()));
        if (!h.isEmpty()) {
          buckets(out, h, start, g, tenant, q);
        }
      }
    }
    out.sort(Comparator.comparing(UsageBucket::start).thenComparing(UsageBucket::tenant)
        .thenComparing(UsageBucket::keyId).thenComparing(UsageBucket::model).thenComparing(UsageBucket::provider));
    return out;
  }

  private static void buckets(List<UsageBucket> out, Map<String, String> h, Instant start, Granularity g,
      String tenant, UsageQuery q) {
    Map<String, long[]> byDims = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : h.entrySet()) {
      String field = e.getKey();
      int cut = field.lastIndexOf('\0');
      long[] v = byDims.computeIfAbsent(field.substring(0, cut), x -> new long[METRICS.length]);
      String metric = field.substring(cut + 1);
      for (int i = 0; i < METRICS.length; i++) {
        if (METRICS[i].equals(metric)) {
          v[i] = Long.parseLong(e.getValue());
        }
      }
    }
    for (Map.Entry<String, long[]> e : byDims.entrySet()) {
      String[] d = e.getKey().split("\0", -1);
      if (matches(q.keyId(), d[0]) && matches(q.model(), d[1]) && matches(q.provider(), d[2])) {
        long[] v = e.getValue();
        out.add(new UsageBucket(start, g, tenant, d[0], d[1], d[2], v[0], v[1], v[2], v[3], v[4], v[5], v[6],
            Money.of(v[7]), v[8]));
      }
    }
  }

  private static boolean matches(@Nullable String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static String orDash(@Nullable String s) {
    return s == null ? "-" : s;
  }

  static Instant align(Instant t, Granularity g) {
    long width = g.width().getSeconds();
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, width));
  }
}
