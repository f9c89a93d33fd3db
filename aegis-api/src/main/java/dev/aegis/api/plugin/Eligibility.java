package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A plugin's verdict on a target: keep it, or drop it with a reason that ends up in the
 * {@link dev.aegis.api.error.NoRouteException} if no target is left.
 *
 * @param eligible whether the target may serve the request
 * @param reason why it was dropped, or {@code null} when kept
 *     <p>Immutable and thread-safe.
 */
public record Eligibility(boolean eligible, @Nullable String reason) {
  private static final Eligibility KEEP = new Eligibility(true, null);

  public static Eligibility keep() {
    return KEEP;
  }

  public static Eligibility drop(String reason) {
    return new Eligibility(false, Checks.notBlank(reason, "reason"));
  }
}
