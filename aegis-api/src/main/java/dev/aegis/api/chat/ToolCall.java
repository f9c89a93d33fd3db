package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A function call requested by the model.
 *
 * @param id the call id that the tool result must echo in {@link Message#toolCallId()}
 * @param name the function name
 * @param arguments the arguments as a JSON text (an object), never null; {@code "{}"} when none
 * @param signature the provider's opaque signature of this call (Gemini 3 {@code thoughtSignature}),
 *     sent back unchanged when the assistant turn is replayed; {@code null} when there is none
 *     <p>Immutable and thread-safe.
 */
public record ToolCall(String id, String name, String arguments, @Nullable String signature) {
  public ToolCall {
    Checks.notNull(id, "id");
    Checks.notBlank(name, "name");
    Checks.notNull(arguments, "arguments");
  }

  public ToolCall(String id, String name, String arguments) {
    this(id, name, arguments, null);
  }

  public static ToolCall of(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments, null);
  }

  /** A copy carrying the given signature. */
  public ToolCall withSignature(@Nullable String signature) {
    return new ToolCall(id, name, arguments, signature);
  }
}
