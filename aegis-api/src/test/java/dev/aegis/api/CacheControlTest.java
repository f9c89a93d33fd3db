package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.cache.CacheStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheControlTest {
  @Test
  void constantsSayWhatTheyAllow() {
    assertThat(CacheControl.DEFAULT.mayRead()).isTrue();
    assertThat(CacheControl.DEFAULT.mayWrite()).isTrue();
    assertThat(CacheControl.NO_CACHE.mayRead()).isFalse();
    assertThat(CacheControl.NO_CACHE.mayWrite()).isTrue();
    assertThat(CacheControl.NO_STORE.mayRead()).isTrue();
    assertThat(CacheControl.NO_STORE.mayWrite()).isFalse();
    assertThat(CacheControl.BYPASS.mayRead()).isFalse();
    assertThat(CacheControl.BYPASS.mayWrite()).isFalse();
    assertThat(CacheControl.FORCE_REFRESH.forceRefresh()).isTrue();
    assertThat(CacheControl.FORCE_REFRESH.mayRead()).isFalse();
    assertThat(CacheControl.FORCE_REFRESH.mayWrite()).isTrue();
    assertThat(CacheControl.builder().forceRefresh(true).build()).isEqualTo(CacheControl.FORCE_REFRESH);
    assertThat(CacheControl.builder().read(false).build()).isEqualTo(CacheControl.NO_CACHE);
  }

  @Test
  void maxAgeAndValidation() {
    CacheControl c = CacheControl.maxAge(Duration.ofMinutes(5));
    assertThat(c.maxAge()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.mayRead()).isTrue();
    assertThat(c.toString()).isEqualTo("CacheControl{read=true, write=true, maxAge=PT5M}");
    assertThat(c.toBuilder().maxAge(null).build()).isEqualTo(CacheControl.DEFAULT);
    assertThatThrownBy(() -> CacheControl.maxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must not be negative but was PT-1S");
    assertThatThrownBy(() -> CacheControl.builder().forceRefresh(true).write(false).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("forceRefresh stores the fresh answer; it cannot be combined with write(false)");
    assertThat(RequestOptions.builder().cacheControl(CacheControl.maxAge(Duration.ofSeconds(1))).build())
        .isEqualTo(RequestOptions.builder().cacheControl(CacheControl.maxAge(Duration.ofSeconds(1))).build());
  }

  @Test
  void cacheValues() {
    assertThat(CacheResult.hit(Duration.ofSeconds(3))).isEqualTo(new CacheResult(CacheStatus.HIT, Duration.ofSeconds(3), null));
    assertThat(CacheResult.semanticHit(Duration.ZERO, 0.93).similarity()).isEqualTo(0.93);
    assertThatThrownBy(() -> new CacheResult(CacheStatus.MISS, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("an age is given exactly for a HIT");
    assertThatThrownBy(() -> new CacheKey("acme", "abc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("digest must be 64 hex characters but had 3");
    assertThat(new CacheKey("", "0123456789ab" + "0".repeat(52)).toString()).isEqualTo("CacheKey[-:0123456789ab]");
  }
}
