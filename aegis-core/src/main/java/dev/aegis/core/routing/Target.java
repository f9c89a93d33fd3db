package dev.aegis.core.routing;

import dev.aegis.api.internal.Checks;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A routing target: a provider instance plus an optional model override, a weight, extra body
 * parameters and headers, and tags that plugins and rules can match on.
 *
 * <pre>{@code
 * Target primary = Target.builder("primary").provider("openai-eu").model("gpt-4o-mini").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Target {
  private final String name;
  private final String provider;
  private final @Nullable String model;
  private final int weight;
  private final Map<String, Object> params;
  private final Map<String, String> headers;
  private final Set<String> tags;
  private final RetryPolicy retry;
  private final CircuitBreakerPolicy circuitBreaker;
  private final @Nullable Duration attemptTimeout;
  private final @Nullable Duration firstChunkTimeout;
  private final @Nullable Duration idleTimeout;
  private final int maxConcurrency;

  private Target(Builder b) {
    name = Checks.notBlank(b.name, "name");
    provider = Checks.notBlank(b.provider == null ? b.name : b.provider, "provider");
    model = b.model;
    weight = b.weight;
    params = Checks.copyOf(b.params, "params");
    headers = Checks.copyOf(b.headers, "headers");
    tags = Set.copyOf(b.tags);
    retry = b.retry;
    circuitBreaker = b.circuitBreaker;
    attemptTimeout = b.attemptTimeout;
    firstChunkTimeout = b.firstChunkTimeout;
    idleTimeout = b.idleTimeout;
    maxConcurrency = b.maxConcurrency;
  }

  /** A target named after its provider instance, with no overrides. */
  public static Target of(String provider) {
    return builder(provider).provider(provider).build();
  }

  /** A target on a provider instance with a model override, named {@code provider/model}. */
  public static Target of(String provider, String model) {
    return builder(provider + "/" + model).provider(provider).model(model).build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String name() {
    return name;
  }

  /** The provider instance name. */
  public String provider() {
    return provider;
  }

  /** The upstream model override, or {@code null} to send the requested model. */
  public @Nullable String model() {
    return model;
  }

  /** The weight for weighted strategies (0 never receives traffic). */
  public int weight() {
    return weight;
  }

  public Map<String, Object> params() {
    return params;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Set<String> tags() {
    return tags;
  }

  /** How failed attempts on this target are retried (default: no retry). */
  public RetryPolicy retry() {
    return retry;
  }

  /** When this target's circuit opens (default: 5 consecutive failures, 30 s open). */
  public CircuitBreakerPolicy circuitBreaker() {
    return circuitBreaker;
  }

  /** The time one attempt may take, or {@code null} for the request's deadline alone. */
  public @Nullable Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** For streams: the longest wait for the first chunk, or {@code null}. */
  public @Nullable Duration firstChunkTimeout() {
    return firstChunkTimeout;
  }

  /** For streams: the longest silence between chunks, or {@code null}. */
  public @Nullable Duration idleTimeout() {
    return idleTimeout;
  }

  /** The most concurrent calls this target takes (a bulkhead); 0 for unlimited. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Target)) return false;
    Target t = (Target) o;
    return weight == t.weight && name.equals(t.name) && provider.equals(t.provider)
        && Objects.equals(model, t.model) && params.equals(t.params) && headers.equals(t.headers)
        && tags.equals(t.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, provider, model, weight, params, headers, tags);
  }

  @Override
  public String toString() {
    return "Target{" + name + " -> " + provider + (model == null ? "" : "/" + model)
        + (weight == 1 ? "" : ", weight=" + weight) + '}';
  }

  /** Builds a {@link Target}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private @Nullable String provider;
    private @Nullable String model;
    private int weight = 1;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private RetryPolicy retry = RetryPolicy.NONE;
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.builder().build();
    private @Nullable Duration attemptTimeout;
    private @Nullable Duration firstChunkTimeout;
    private @Nullable Duration idleTimeout;
    private int maxConcurrency;

    private Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    private Builder(Target t) {
      name = t.name;
      provider = t.provider;
      model = t.model;
      weight = t.weight;
      params.putAll(t.params);
      headers.putAll(t.headers);
      tags.addAll(t.tags);
      retry = t.retry;
      circuitBreaker = t.circuitBreaker;
      attemptTimeout = t.attemptTimeout;
      firstChunkTimeout = t.firstChunkTimeout;
      idleTimeout = t.idleTimeout;
      maxConcurrency = t.maxConcurrency;
    }

    public Builder provider(String provider) {
      this.provider = Checks.notBlank(provider, "provider");
      return this;
    }

    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    public Builder weight(int weight) {
      this.weight = Checks.nonNegative(weight, "weight");
      return this;
    }

    public Builder param(String name, Object value) {
      params.put(Checks.notNull(name, "param name"), Checks.notNull(value, "param value"));
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Checks.notNull(name, "header name"), Checks.notNull(value, "header value"));
      return this;
    }

    public Builder tag(String tag) {
      tags.add(Checks.notBlank(tag, "tag"));
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = Checks.notNull(retry, "retry");
      return this;
    }

    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreaker = Checks.notNull(policy, "circuitBreaker");
      return this;
    }

    public Builder attemptTimeout(@Nullable Duration timeout) {
      this.attemptTimeout = positive(timeout, "attemptTimeout");
      return this;
    }

    public Builder firstChunkTimeout(@Nullable Duration timeout) {
      this.firstChunkTimeout = positive(timeout, "firstChunkTimeout");
      return this;
    }

    public Builder idleTimeout(@Nullable Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    public Builder maxConcurrency(int max) {
      this.maxConcurrency = Checks.nonNegative(max, "maxConcurrency");
      return this;
    }

    private static @Nullable Duration positive(@Nullable Duration d, String name) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    public Target build() {
      return new Target(this);
    }
  }
}
