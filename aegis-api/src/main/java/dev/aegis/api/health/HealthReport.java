package dev.aegis.api.health;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A point-in-time view of the gateway's health: per target its circuit and recent behaviour, per
 * alias whether it can be served, the shared stores, the hook queue, and whether the gateway is
 * draining. {@link #ready()} is what a readiness probe ({@code GET /ready}) answers: every alias
 * routable, every store reachable, and not draining.
 *
 * <pre>{@code
 * HealthReport health = gateway.health();
 * if (!health.ready()) {
 *   health.aliases().stream().filter(a -> !a.routable()).forEach(a -> log.warn("{} cannot be served", a.alias()));
 * }
 * }</pre>
 *
 * @param checkedAt when the report was taken (the gateway's wall clock)
 * @param ready every alias routable, every store reachable, not draining
 * @param draining the gateway is closing: it accepts no new calls
 * @param targets every configured target, sorted by name
 * @param aliases every alias, sorted by name
 * @param stores every registered shared store
 * @param hooks the hook queue
 *     <p>Immutable and thread-safe.
 */
public record HealthReport(Instant checkedAt, boolean ready, boolean draining, List<TargetHealth> targets,
    List<AliasHealth> aliases, List<StoreHealth> stores, HookQueueHealth hooks) {
  public HealthReport {
    Checks.notNull(checkedAt, "checkedAt");
    targets = Checks.copyOf(targets, "targets");
    aliases = Checks.copyOf(aliases, "aliases");
    stores = Checks.copyOf(stores, "stores");
    Checks.notNull(hooks, "hooks");
  }

  /**
   * Builds a report whose readiness follows from its parts: ready when nothing is draining, every
   * alias is routable and every store reachable.
   */
  public static HealthReport of(Instant checkedAt, boolean draining, List<TargetHealth> targets,
      List<AliasHealth> aliases, List<StoreHealth> stores, HookQueueHealth hooks) {
    boolean ready = !draining && aliases.stream().allMatch(AliasHealth::routable)
        && stores.stream().allMatch(StoreHealth::reachable);
    return new HealthReport(checkedAt, ready, draining, targets, aliases, stores, hooks);
  }
}
