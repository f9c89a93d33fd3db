package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A block of model reasoning ("thinking"). The signature is opaque: it must be sent back
 * unchanged with the reasoning in a later turn (Anthropic, Bedrock, Gemini verify it).
 *
 * @param text the reasoning text, possibly empty (for example when redacted)
 * @param signature the provider's opaque signature, or {@code null}
 * @param redacted encrypted/redacted reasoning data to echo back, or {@code null}
 *     <p>Immutable and thread-safe.
 */
public record Reasoning(String text, @Nullable String signature, @Nullable String redacted) {
  public Reasoning {
    Checks.notNull(text, "text");
  }

  public static Reasoning of(String text) {
    return new Reasoning(text, null, null);
  }

  public static Reasoning of(String text, @Nullable String signature) {
    return new Reasoning(text, signature, null);
  }
}
