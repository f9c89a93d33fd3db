package dev.aegis.api.chat;

import dev.aegis.api.Attempt;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is known when a stream reaches its commit point: the target and provider that will serve
 * the rest of it, and the attempts made so far. An HTTP endpoint uses it to choose its status and
 * headers before writing the first byte.
 *
 * @param target the serving target, or {@code null} when a plugin answered (e.g. a cache hit)
 * @param provider the serving provider instance, or {@code null} likewise
 * @param attempts the attempts made up to the commit point
 * @param cache what the response cache did (a replayed hit, with its age), or {@code null} without a cache
 *     <p>Immutable and thread-safe.
 */
public record StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts,
    @Nullable CacheResult cache) {
  public StreamStart {
    attempts = Checks.copyOf(attempts, "attempts");
  }

  /** A start without cache information. */
  public StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts) {
    this(target, provider, attempts, null);
  }
}
