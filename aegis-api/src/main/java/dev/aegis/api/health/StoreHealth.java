package dev.aegis.api.health;

import dev.aegis.api.internal.Checks;

/**
 * Whether a shared store (keys, limits, budgets, cache on Redis, ...) is reachable.
 *
 * @param name the store's name, e.g. {@code redis-limits}
 * @param reachable the store answered its last check
 * @param detail a short, secret-free explanation ({@code ok}, {@code connection refused})
 *     <p>Immutable and thread-safe.
 */
public record StoreHealth(String name, boolean reachable, String detail) {
  public StoreHealth {
    Checks.notBlank(name, "name");
    Checks.notNull(detail, "detail");
  }

  public static StoreHealth up(String name) {
    return new StoreHealth(name, true, "ok");
  }

  public static StoreHealth down(String name, String detail) {
    return new StoreHealth(name, false, detail);
  }
}
