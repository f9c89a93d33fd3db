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
 * @param restartRequired settings the reload changed that the running gateway fixed when it was
 *     built (its hook workers and queue, close grace period, health probe, telemetry options, ...),
 *     by their configuration path, e.g. {@code hookWorkers}; they take effect on restart and the
 *     gateway keeps running with the values it was built with
 *     <p>Immutable and thread-safe.
 */
public record ConfigReloaded(Instant timestamp, List<String> added, List<String> removed, List<String> changed,
    List<String> restartRequired) implements GatewayEvent {
  public ConfigReloaded {
    added = Checks.copyOf(added, "added");
    removed = Checks.copyOf(removed, "removed");
    changed = Checks.copyOf(changed, "changed");
    restartRequired = Checks.copyOf(restartRequired, "restartRequired");
  }

  /** A reload that changed no setting fixed at build. */
  public ConfigReloaded(Instant timestamp, List<String> added, List<String> removed, List<String> changed) {
    this(timestamp, added, removed, changed, List.of());
  }

  @Override
  public String name() {
    return "config.reloaded";
  }
}
