package dev.aegis.api.chat;

import dev.aegis.api.Attempt;
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
 *     <p>Immutable and thread-safe.
 */
public record StreamStart(@Nullable String target, @Nullable String provider, List<Attempt> attempts) {
  public StreamStart {
    attempts = Checks.copyOf(attempts, "attempts");
  }
}
