package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retry-After in both forms (delta-seconds and HTTP date) and retry-after-ms. */
class RetryAfterTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void deltaSeconds() {
    assertThat(RetryAfter.parse(null, "7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(null, " 1.5 ", NOW)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void httpDate() {
    assertThat(RetryAfter.parse(null, "Sun, 22 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(null, "Sun, 22 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void millisecondsWinOverSeconds() {
    assertThat(RetryAfter.parse("250", "7", NOW)).isEqualTo(Duration.ofMillis(250));
    assertThat(RetryAfter.parse("12.5", null, NOW)).isEqualTo(Duration.ofNanos(12_500_000));
  }

  @Test
  void garbageIsIgnored() {
    assertThat(RetryAfter.parse(null, "soon", NOW)).isNull();
    assertThat(RetryAfter.parse("x", null, NOW)).isNull();
    assertThat(RetryAfter.parse(null, "-3", NOW)).isNull();
    assertThat(RetryAfter.parse(null, null, NOW)).isNull();
  }
}
