package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;

/**
 * A function call requested by the model.
 *
 * @param id the call id that the tool result must echo in {@link Message#toolCallId()}
 * @param name the function name
 * @param arguments the arguments as a JSON text (an object), never null; {@code "{}"} when none
 *     <p>Immutable and thread-safe.
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Checks.notNull(id, "id");
    Checks.notBlank(name, "name");
    Checks.notNull(arguments, "arguments");
  }

  public static ToolCall of(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments);
  }
}
