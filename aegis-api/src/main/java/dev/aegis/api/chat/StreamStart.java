package dev.aegis.api.chat;

import dev.aegis.api.Attempt;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What is known when a stream reaches its commit point: the target and provider that will serve
 * the rest of it, the attempts made so far, the attributes plugins published for the response
 * up to then (for example {@link dev.aegis.api.limit.LimitStatus} under its attribute name), and
 * what the response cache did. An HTTP endpoint uses it to choose its status and headers before
 * writing the first byte.
 *
 * @param target the serving target, or {@code null} when a plugin answered (e.g. a cache hit)
 * @param provider the serving provider instance, or {@code null} likewise
 * @param attempts the attempts made up to the commit point
 * @param attributes response attributes published by plugins so far (never secrets)
 * @param cache what the response cache did (a replayed hit, with its age), or {@code null} without a cache
 *     <p>Immutable and thread-safe.
 */
public record StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts,
    Map<String, Object> attributes, @Nullable CacheResult cache) {
  public StreamStart {
    attempts = Checks.copyOf(attempts, "attempts");
    attributes = Checks.copyOf(attributes, "attributes");
  }

  /** A stream start without attributes or cache information. */
  public StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts) {
    this(target, provider, attempts, Map.of(), null);
  }

  /** A stream start without cache information. */
  public StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts,
      Map<String, Object> attributes) {
    this(target, provider, attempts, attributes, null);
  }
}
