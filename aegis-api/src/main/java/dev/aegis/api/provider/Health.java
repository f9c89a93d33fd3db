package dev.aegis.api.provider;

import dev.aegis.api.internal.Checks;

/**
 * A provider's health as last observed.
 *
 * @param status up, down or unknown
 * @param detail a short, secret-free explanation
 *     <p>Immutable and thread-safe.
 */
public record Health(Status status, String detail) {
  public static final Health UNKNOWN = new Health(Status.UNKNOWN, "not checked");
  public static final Health UP = new Health(Status.UP, "ok");

  /** Health states. */
  public enum Status { UP, DOWN, UNKNOWN }

  public Health {
    Checks.notNull(status, "status");
    Checks.notNull(detail, "detail");
  }

  public static Health down(String detail) {
    return new Health(Status.DOWN, detail);
  }
}
