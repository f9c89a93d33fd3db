package dev.aegis.api;

/**
 * What a single call allows the response cache to do.
 *
 * <p>Immutable and thread-safe.
 */
public enum CacheControl {
  /** Look up and store as configured. */
  DEFAULT,
  /** Skip the lookup, but store the fresh answer. */
  NO_CACHE,
  /** Look up, but never store this answer. */
  NO_STORE,
  /** Neither look up nor store. */
  BYPASS;

  /** Whether a cached answer may be returned. */
  public boolean mayRead() {
    return this == DEFAULT || this == NO_STORE;
  }

  /** Whether the answer may be stored. */
  public boolean mayWrite() {
    return this == DEFAULT || this == NO_CACHE;
  }
}
