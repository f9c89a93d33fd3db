package dev.aegis.api.limit;

import dev.aegis.api.internal.Checks;

/**
 * One limit to check for one request: the counter it draws on, the limit, and what the request
 * costs against it (1 for requests and concurrency, the token estimate for tokens).
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the counter's key, unique per scope value and limit (e.g. {@code key:k1:requests:PT1M});
 *     a distributed store prefixes it with its partition
 * @param limit the limit
 * @param cost what this request draws, at least 0
 */
public record LimitCheck(String key, RateLimit limit, long cost) {
  public LimitCheck {
    Checks.notBlank(key, "key");
    Checks.notNull(limit, "limit");
    if (cost < 0) {
      throw new IllegalArgumentException("cost must not be negative but was " + cost);
    }
  }
}
