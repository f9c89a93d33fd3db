package dev.aegis.core.resilience;

import dev.aegis.api.internal.Checks;
import java.time.Duration;

/**
 * When a target's circuit opens and how it recovers. CLOSED → OPEN after
 * {@code consecutiveFailures} failures in a row, or when the failure rate over the last
 * {@code window} of outcomes reaches {@code failureRateThreshold} with at least
 * {@code minimumRequests} outcomes. OPEN rejects calls for {@code openDuration}, then HALF_OPEN
 * admits {@code halfOpenProbes} probes: all succeeding close the circuit, any failure re-opens it.
 * Client errors (4xx other than 408 and 429) are not failures; 429 counts only if
 * {@code countRateLimits}.
 *
 * <pre>{@code
 * CircuitBreakerPolicy breaker = CircuitBreakerPolicy.builder()
 *     .consecutiveFailures(5).openDuration(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CircuitBreakerPolicy {
  /** A breaker that never opens. */
  public static final CircuitBreakerPolicy DISABLED = builder().consecutiveFailures(Integer.MAX_VALUE)
      .failureRateThreshold(1.01).build();

  private final int consecutiveFailures;
  private final double failureRateThreshold;
  private final int window;
  private final int minimumRequests;
  private final Duration openDuration;
  private final int halfOpenProbes;
  private final boolean countRateLimits;

  private CircuitBreakerPolicy(Builder b) {
    consecutiveFailures = b.consecutiveFailures;
    failureRateThreshold = b.failureRateThreshold;
    window = b.window;
    minimumRequests = b.minimumRequests;
    openDuration = b.openDuration;
    halfOpenProbes = b.halfOpenProbes;
    countRateLimits = b.countRateLimits;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int consecutiveFailures() { return consecutiveFailures; }
  public double failureRateThreshold() { return failureRateThreshold; }
  public int window() { return window; }
  public int minimumRequests() { return minimumRequests; }
  public Duration openDuration() { return openDuration; }
  public int halfOpenProbes() { return halfOpenProbes; }
  public boolean countRateLimits() { return countRateLimits; }

  @Override
  public String toString() {
    return "CircuitBreakerPolicy{consecutiveFailures=" + consecutiveFailures + ", failureRate="
        + failureRateThreshold + " over " + window + " (min " + minimumRequests + "), open=" + openDuration
        + ", probes=" + halfOpenProbes + ", countRateLimits=" + countRateLimits + '}';
  }

  /** Builds a {@link CircuitBreakerPolicy}. Not thread-safe. */
  public static final class Builder {
    private int consecutiveFailures = 5;
    private double failureRateThreshold = 0.5;
    private int window = 20;
    private int minimumRequests = 10;
    private Duration openDuration = Duration.ofSeconds(30);
    private int halfOpenProbes = 1;
    private boolean countRateLimits = true;

    private Builder() {}

    public Builder consecutiveFailures(int n) {
      if (n < 1) throw new IllegalArgumentException("consecutiveFailures must be at least 1 but was " + n);
      this.consecutiveFailures = n;
      return this;
    }

    /** The failure rate (0..1] that opens the circuit; above 1 disables the rate rule. */
    public Builder failureRateThreshold(double rate) {
      if (rate <= 0) throw new IllegalArgumentException("failureRateThreshold must be positive but was " + rate);
      this.failureRateThreshold = rate;
      return this;
    }

    /** How many recent outcomes the rate is computed over. */
    public Builder window(int outcomes) {
      if (outcomes < 1) throw new IllegalArgumentException("window must be at least 1 but was " + outcomes);
      this.window = outcomes;
      return this;
    }

    public Builder minimumRequests(int n) {
      this.minimumRequests = Checks.nonNegative(n, "minimumRequests");
      return this;
    }

    public Builder openDuration(Duration d) {
      this.openDuration = Checks.notNull(d, "openDuration");
      return this;
    }

    public Builder halfOpenProbes(int n) {
      if (n < 1) throw new IllegalArgumentException("halfOpenProbes must be at least 1 but was " + n);
      this.halfOpenProbes = n;
      return this;
    }

    public Builder countRateLimits(boolean count) {
      this.countRateLimits = count;
      return this;
    }

    public CircuitBreakerPolicy build() {
      return new CircuitBreakerPolicy(this);
    }
  }
}
