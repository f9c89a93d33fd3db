package dev.aegis.api.chat;

import dev.aegis.api.Attempt;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway knows about how an answer was produced: which target served it, every attempt
 * made, the latency seen by the caller, whether it came from the cache, its cost, and attributes
 * contributed by plugins (for example guardrail warnings or content-filter categories).
 *
 * <p>Immutable and thread-safe.
 */
public final class ResponseMetadata {
  /** Metadata with nothing known, as on a response straight from a provider. */
  public static final ResponseMetadata EMPTY = builder().build();

  private final @Nullable String target;
  private final @Nullable String provider;
  private final List<Attempt> attempts;
  private final Duration latency;
  private final @Nullable CacheResult cache;
  private final @Nullable BigDecimal cost;
  private final Map<String, Object> attributes;

  private ResponseMetadata(Builder b) {
    target = b.target;
    provider = b.provider;
    attempts = Checks.copyOf(b.attempts, "attempts");
    latency = Checks.notNull(b.latency, "latency");
    cache = b.cache;
    cost = b.cost;
    attributes = Checks.copyOf(b.attributes, "attributes");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The name of the target that served the answer, or {@code null} if none did (a plugin answered). */
  public @Nullable String target() {
    return target;
  }

  /** The provider instance that served the answer, or {@code null}. */
  public @Nullable String provider() {
    return provider;
  }

  /** Every attempt, in the order they started. */
  public List<Attempt> attempts() {
    return attempts;
  }

  /** Time from the call to the answer, as the caller saw it. */
  public Duration latency() {
    return latency;
  }

  /** Whether the answer came from the response cache. */
  public boolean cacheHit() {
    return cache != null && cache.isHit();
  }

  /** What the response cache did (hit with the entry's age, miss, bypass), or {@code null} without a cache. */
  public @Nullable CacheResult cache() {
    return cache;
  }

  /** The cost in US dollars when a price is known, else {@code null}. */
  public @Nullable BigDecimal cost() {
    return cost;
  }

  /** Attributes contributed by plugins and adapters (never secrets), never null. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ResponseMetadata)) return false;
    ResponseMetadata m = (ResponseMetadata) o;
    return Objects.equals(cache, m.cache) && Objects.equals(target, m.target)
        && Objects.equals(provider, m.provider) && attempts.equals(m.attempts)
        && latency.equals(m.latency) && Objects.equals(cost, m.cost)
        && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, provider, attempts, latency, cache, cost, attributes);
  }

  @Override
  public String toString() {
    return "ResponseMetadata{target=" + target + ", provider=" + provider + ", attempts="
        + attempts.size() + ", latency=" + latency + ", cache=" + (cache == null ? "none" : cache.status())
        + (cost == null ? "" : ", cost=" + cost)
        + (attributes.isEmpty() ? "" : ", attributes=" + attributes.keySet()) + '}';
  }

  /** Builds {@link ResponseMetadata}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String target;
    private @Nullable String provider;
    private List<Attempt> attempts = List.of();
    private Duration latency = Duration.ZERO;
    private @Nullable CacheResult cache;
    private @Nullable BigDecimal cost;
    /** Made on the first attribute: most metadata has none. */
    private @Nullable Map<String, Object> attributes;

    private Builder() {}

    private Builder(ResponseMetadata m) {
      target = m.target;
      provider = m.provider;
      attempts = m.attempts; // immutable already
      latency = m.latency;
      cache = m.cache;
      cost = m.cost;
      if (!m.attributes.isEmpty()) {
        attributes = new LinkedHashMap<>(m.attributes);
      }
    }

    public Builder target(@Nullable String target) {
      this.target = target;
      return this;
    }

    public Builder provider(@Nullable String provider) {
      this.provider = provider;
      return this;
    }

    public Builder attempts(List<Attempt> attempts) {
      this.attempts = Checks.copyOf(Checks.notNull(attempts, "attempts"), "attempts");
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = Checks.notNull(latency, "latency");
      return this;
    }

    /** Marks the answer as a cache hit of unknown age ({@code true}) or as not from a cache. */
    public Builder cacheHit(boolean cacheHit) {
      this.cache = cacheHit ? CacheResult.hit(Duration.ZERO) : null;
      return this;
    }

    public Builder cache(@Nullable CacheResult cache) {
      this.cache = cache;
      return this;
    }

    public Builder cost(@Nullable BigDecimal cost) {
      this.cost = cost;
      return this;
    }

    public Builder attribute(String name, Object value) {
      if (attributes == null) {
        attributes = new LinkedHashMap<>(4);
      }
      attributes.put(Checks.notNull(name, "name"), Checks.notNull(value, "value"));
      return this;
    }

    public Builder attributes(Map<String, ?> attributes) {
      Checks.notNull(attributes, "attributes").forEach(this::attribute);
      return this;
    }

    public ResponseMetadata build() {
      return new ResponseMetadata(this);
    }
  }
}
