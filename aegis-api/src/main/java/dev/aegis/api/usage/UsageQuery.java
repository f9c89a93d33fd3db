package dev.aegis.api.usage;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A question to the {@link UsageStore}: buckets of a granularity whose start lies in
 * {@code [from, to)}, optionally for one tenant, key, model or provider ({@code null}: any).
 *
 * <pre>{@code
 * UsageQuery q = UsageQuery.of(Granularity.HOUR, from, to).tenant("acme");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public record UsageQuery(Granularity granularity, Instant from, Instant to, @Nullable String tenant,
    @Nullable String keyId, @Nullable String model, @Nullable String provider) {
  public UsageQuery {
    Checks.notNull(granularity, "granularity");
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a usage query's 'from' must be before its 'to'");
    }
  }

  public static UsageQuery of(Granularity granularity, Instant from, Instant to) {
    return new UsageQuery(granularity, from, to, null, null, null, null);
  }

  public UsageQuery tenant(@Nullable String tenant) {
    return new UsageQuery(granularity, from, to, tenant, keyId, model, provider);
  }

  public UsageQuery keyId(@Nullable String keyId) {
    return new UsageQuery(granularity, from, to, tenant, keyId, model, provider);
  }

  public UsageQuery model(@Nullable String model) {
    return new UsageQuery(granularity, from, to, tenant, keyId, model, provider);
  }

  public UsageQuery provider(@Nullable String provider) {
    return new UsageQuery(granularity, from, to, tenant, keyId, model, provider);
  }
}
