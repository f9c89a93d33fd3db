package dev.aegis.api.model;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A model the gateway (an alias) or a provider serves.
 *
 * @param id the model id or alias
 * @param ownedBy who serves it (the gateway for aliases, the provider otherwise)
 * @param type chat or embedding
 * @param contextWindow the context window in tokens, or {@code null} if unknown
 *     <p>Immutable and thread-safe.
 */
public record ModelInfo(String id, String ownedBy, Type type, @Nullable Integer contextWindow) {
  /** What the model does. */
  public enum Type { CHAT, EMBEDDING }

  public ModelInfo {
    Checks.notBlank(id, "id");
    Checks.notNull(ownedBy, "ownedBy");
    Checks.notNull(type, "type");
  }

  public static ModelInfo chat(String id, String ownedBy) {
    return new ModelInfo(id, ownedBy, Type.CHAT, null);
  }
}
