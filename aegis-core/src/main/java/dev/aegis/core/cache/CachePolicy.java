package dev.aegis.core.cache;

import dev.aegis.api.chat.ChatRequest;

/**
 * Which requests the response cache may answer and store. The default,
 * {@link #deterministic()}, caches only requests whose answer is meant to repeat: temperature 0
 * or a fixed seed. A call's {@code CacheControl} can further restrict, never widen, what the
 * policy allows.
 *
 * <pre>{@code
 * CachePolicy policy = request -> request.model() != null && request.model().startsWith("faq-");
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast: the policy runs on every request.
 */
@FunctionalInterface
public interface CachePolicy {

  /** Whether this request's answer may be served from and stored in the cache. */
  boolean cacheable(ChatRequest request);

  /** Temperature 0 or a seed (the default). */
  static CachePolicy deterministic() {
    return r -> r.seed() != null || r.temperature() != null && r.temperature() == 0.0;
  }

  /** Every request. */
  static CachePolicy always() {
    return r -> true;
  }
}
