package dev.aegis.api.usage;

import java.util.List;

/**
 * Aggregated usage in minute buckets rolled up to hours and days, each kept for a bounded time
 * (in memory by default; on Redis for many instances). {@link #add} is one atomic increment per
 * bucket; it never reads back.
 *
 * <p>Implementations must be thread-safe.
 */
public interface UsageStore {

  /** Adds a record to its minute, hour and day buckets. */
  void add(UsageRecord record);

  /** The buckets matching the query, ordered by start, then tenant, key, model and provider. */
  List<UsageBucket> query(UsageQuery query);
}
