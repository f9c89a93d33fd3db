package dev.aegis.api.auth;

/**
 * What a virtual key may be used for.
 *
 * <p>Immutable and thread-safe.
 */
public enum Scope {
  /** Chat and embedding requests. */
  INFERENCE,
  /** The admin API: keys, usage, budgets. */
  ADMIN
}
