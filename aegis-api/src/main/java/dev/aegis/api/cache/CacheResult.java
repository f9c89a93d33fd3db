package dev.aegis.api.cache;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the response cache reports for one request, in {@link dev.aegis.api.chat.ResponseMetadata#cache()},
 * {@link dev.aegis.api.chat.StreamStart#cache()} and, for plugins' {@code onComplete}, in
 * {@link dev.aegis.api.plugin.Exchange#cacheResult()}. On a {@link CacheStatus#HIT} no provider
 * was called: governance plugins release the budget reservation and token estimate they took and
 * charge nothing.
 *
 * @param status hit, miss or bypass
 * @param age the served entry's age (HIT only), else {@code null}
 * @param similarity for a semantic hit the matched entry's cosine similarity, else {@code null}
 *     <p>Immutable and thread-safe.
 */
public record CacheResult(CacheStatus status, @Nullable Duration age, @Nullable Double similarity) {
  /** A miss. */
  public static final CacheResult MISS = new CacheResult(CacheStatus.MISS, null, null);
  /** Not looked up. */
  public static final CacheResult BYPASS = new CacheResult(CacheStatus.BYPASS, null, null);

  public CacheResult {
    Checks.notNull(status, "status");
    if ((status == CacheStatus.HIT) != (age != null)) {
      throw new IllegalArgumentException("an age is given exactly for a HIT");
    }
    if (similarity != null && status != CacheStatus.HIT) {
      throw new IllegalArgumentException("a similarity is given only for a HIT");
    }
  }

  /** An exact hit on an entry of this age. */
  public static CacheResult hit(Duration age) {
    return new CacheResult(CacheStatus.HIT, Checks.notNull(age, "age"), null);
  }

  /** A semantic hit on an entry of this age and similarity. */
  public static CacheResult semanticHit(Duration age, double similarity) {
    return new CacheResult(CacheStatus.HIT, Checks.notNull(age, "age"), similarity);
  }

  public boolean isHit() {
    return status == CacheStatus.HIT;
  }
}
