package dev.aegis.api.event;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's configuration was swapped by a reload.
 *
 * @param timestamp when
 * @param added targets added
 * @param removed targets removed
 * @param changed targets whose settings changed
 *     <p>Immutable and thread-safe.
 */
public record ConfigReloaded(Instant timestamp, List<String> added, List<String> removed, List<String> changed)
    implements GatewayEvent {
  public ConfigReloaded {
    added = Checks.copyOf(added, "added");
    removed = Checks.copyOf(removed, "removed");
    changed = Checks.copyOf(changed, "changed");
  }

  @Override
  public String name() {
    return "config.reloaded";
  }
}
