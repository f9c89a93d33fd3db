package dev.aegis.api.usage;

import java.time.Duration;

/**
 * The width of a usage bucket. Minute buckets roll up into hours and hours into days; each is kept
 * for a bounded time.
 *
 * <p>Immutable and thread-safe.
 */
public enum Granularity {
  MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

  private final Duration width;

  Granularity(Duration width) {
    this.width = width;
  }

  public Duration width() {
    return width;
  }
}
