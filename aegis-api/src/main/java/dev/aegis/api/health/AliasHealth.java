package dev.aegis.api.health;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * Whether an alias can be served: at least one of its targets admits calls now.
 *
 * @param alias the alias (route name)
 * @param routable at least one target is routable
 * @param routableTargets the targets that admit calls now, in configured order
 *     <p>Immutable and thread-safe.
 */
public record AliasHealth(String alias, boolean routable, List<String> routableTargets) {
  public AliasHealth {
    Checks.notNull(alias, "alias");
    routableTargets = Checks.copyOf(routableTargets, "routableTargets");
  }
}
