package dev.aegis.core.resilience;

import dev.aegis.api.internal.Checks;
import java.time.Duration;

/**
 * How a target retries a failed attempt: at most {@code maxAttempts} attempts in all, waiting
 * between them with exponential backoff and full jitter (a random wait in
 * {@code [0, min(maxDelay, initialDelay * multiplier^(n-1))]}). A provider's {@code Retry-After}
 * (seconds, HTTP date, or {@code retry-after-ms}) replaces the computed wait when it is within
 * {@code maxRetryAfter}; beyond it the target is abandoned for the next one. Retries never outlive
 * the request's deadline. Only retryable errors are retried (connect failures, timeouts, 408, 409,
 * 429, 5xx, 529, "overloaded").
 *
 * <pre>{@code
 * RetryPolicy retry = RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(250)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** One attempt, no retries. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    maxAttempts = b.maxAttempts;
    initialDelay = b.initialDelay;
    maxDelay = b.maxDelay;
    multiplier = b.multiplier;
    maxRetryAfter = b.maxRetryAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  /** The longest {@code Retry-After} honoured; a longer one abandons the target. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** The upper bound of the jittered wait before attempt {@code attempt + 1} (attempt counts from 1). */
  public long backoffCeilingNanos(int attempt) {
    double ceiling = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return (long) Math.min(ceiling, (double) maxDelay.toNanos());
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
        + ", multiplier=" + multiplier + ", maxRetryAfter=" + maxRetryAfter + '}';
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 2;
    private Duration initialDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(10);
    private double multiplier = 2;
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder() {}

    /** Attempts in all, the first included (1 means no retry). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialDelay(Duration delay) {
      this.initialDelay = Checks.notNull(delay, "initialDelay");
      return this;
    }

    public Builder maxDelay(Duration delay) {
      this.maxDelay = Checks.notNull(delay, "maxDelay");
      return this;
    }

    public Builder multiplier(double multiplier) {
      if (multiplier < 1) {
        throw new IllegalArgumentException("multiplier must be at least 1 but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    public Builder maxRetryAfter(Duration cap) {
      this.maxRetryAfter = Checks.notNull(cap, "maxRetryAfter");
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("maxDelay " + maxDelay + " is below initialDelay " + initialDelay);
      }
      return new RetryPolicy(this);
    }
  }
}
