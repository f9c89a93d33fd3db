package dev.aegis.api.provider;

/**
 * What a target can do. Plugins use capabilities in {@code eligible(...)} to drop targets that
 * cannot serve a request (no vision for an image prompt, no tools for a tool call).
 *
 * <p>Immutable and thread-safe.
 */
public enum Capability {
  CHAT,
  STREAMING,
  TOOLS,
  VISION,
  JSON_SCHEMA,
  REASONING,
  EMBEDDINGS
}
