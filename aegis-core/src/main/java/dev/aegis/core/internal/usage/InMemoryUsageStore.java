package dev.aegis.core.internal.usage;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageBucket;
import dev.aegis.api.usage.UsageQuery;
import dev.aegis.api.usage.UsageRecord;
import dev.aegis.api.usage.UsageStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link UsageStore}: per granularity, a sorted map from bucket start to the buckets
 * of that instant, each keyed by tenant, key, model and provider. A record is added to its minute,
 * hour and day buckets at once (the roll-up); buckets older than their granularity's retention
 * are dropped when newer ones are opened, so memory stays bounded.
 */
public final class InMemoryUsageStore implements UsageStore {
  private static final Granularity[] GRANULARITIES = Granularity.values();
  private final Map<Granularity, Duration> retention;
  private final AtomicReferenceArray<Instant> lastStarts = new AtomicReferenceArray<>(GRANULARITIES.length);
  private final Map<Granularity, ConcurrentSkipListMap<Instant, ConcurrentHashMap<Dims, Acc>>> buckets =
      new EnumMap<>(Granularity.class);

  /** Buckets kept per granularity (e.g. minutes for 2 days, hours for 32 days, days for 400 days). */
  public InMemoryUsageStore(Map<Granularity, Duration> retention) {
    this.retention = new EnumMap<>(retention);
    for (Granularity g : Granularity.values()) {
      Objects.requireNonNull(this.retention.get(g), "retention of " + g);
      buckets.put(g, new ConcurrentSkipListMap<>());
    }
  }

  /** The default retention: minutes for 2 days, hours for 32 days, days for 400 days. */
  public static Map<Granularity, Duration> defaultRetention() {
    return Map.of(Granularity.MINUTE, Duration.ofDays(2), Granularity.HOUR, Duration.ofDays(32),
        Granularity.DAY, Duration.ofDays(400));
  }

  private record Dims(String tenant, String keyId, String model, String provider) {}

  /** One bucket's sums; written under its own monitor, never across I/O. */
  private static final class Acc {
    long requests;
    long failures;
    long input;
    long output;
    long cacheRead;
    long cacheWrite;
    long reasoning;
    long unpriced;
    BigDecimal cost = BigDecimal.ZERO;

    synchronized void add(UsageRecord r) {
      Usage u = r.usage();
      requests++;
      if (r.status() != dev.aegis.api.plugin.Outcome.Status.SUCCESS) {
        failures++;
      }
      input += u.inputTokens();
      output += u.outputTokens();
      cacheRead += u.cacheReadTokens();
      cacheWrite += u.cacheWriteTokens();
      reasoning += u.reasoningTokens();
      if (r.cost() == null) {
        unpriced++;
      } else {
        cost = cost.add(r.cost());
      }
    }

    synchronized UsageBucket snapshot(Instant start, Granularity g, Dims d) {
      return new UsageBucket(start, g, d.tenant, d.keyId, d.model, d.provider, requests, failures, input, output,
          cacheRead, cacheWrite, reasoning, cost, unpriced);
    }
  }

  @Override
  public void add(UsageRecord r) {
    Dims d = new Dims(orDash(r.tenant()), orDash(r.keyId()), orDash(r.model()), orDash(r.provider()));
    for (Granularity g : GRANULARITIES) {
      ConcurrentSkipListMap<Instant, ConcurrentHashMap<Dims, Acc>> byStart = buckets.get(g);
      Instant start = bucketStart(r.timestamp(), g);
      ConcurrentHashMap<Dims, Acc> slot = byStart.get(start);
      if (slot == null) {
        slot = byStart.computeIfAbsent(start, s -> new ConcurrentHashMap<>(4));
        byStart.headMap(start.minus(retention.get(g))).clear(); // a new bucket opened: drop the expired
      }
      slot.computeIfAbsent(d, x -> new Acc()).add(r);
    }
  }

  @Override
  public List<UsageBucket> query(UsageQuery q) {
    List<UsageBucket> out = new ArrayList<>();
    ConcurrentNavigableMap<Instant, ConcurrentHashMap<Dims, Acc>> range =
        buckets.get(q.granularity()).subMap(q.from(), true, q.to(), false);
    for (Map.Entry<Instant, ConcurrentHashMap<Dims, Acc>> e : range.entrySet()) {
      for (Map.Entry<Dims, Acc> b : e.getValue().entrySet()) {
        Dims d = b.getKey();
        if (matches(q.tenant(), d.tenant) && matches(q.keyId(), d.keyId) && matches(q.model(), d.model)
            && matches(q.provider(), d.provider)) {
          out.add(b.getValue().snapshot(e.getKey(), q.granularity(), d));
        }
      }
    }
    out.sort(Comparator.comparing(UsageBucket::start).thenComparing(UsageBucket::tenant)
        .thenComparing(UsageBucket::keyId).thenComparing(UsageBucket::model).thenComparing(UsageBucket::provider));
    return out;
  }

  private static boolean matches(@Nullable String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static String orDash(@Nullable String s) {
    return s == null ? "-" : s;
  }

  /** {@link #align}, reusing the latest bucket's start: records arrive in the same bucket call after call. */
  private Instant bucketStart(Instant t, Granularity g) {
    long width = g.width().getSeconds();
    long s = t.getEpochSecond();
    long aligned = s - Math.floorMod(s, width);
    Instant last = lastStarts.get(g.ordinal());
    if (last != null && last.getEpochSecond() == aligned) {
      return last;
    }
    Instant start = Instant.ofEpochSecond(aligned);
    lastStarts.set(g.ordinal(), start);
    return start;
  }

  static Instant align(Instant t, Granularity g) {
    long width = g.width().getSeconds();
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, width));
  }
}
