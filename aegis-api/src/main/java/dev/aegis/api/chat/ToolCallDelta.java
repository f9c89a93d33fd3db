package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A fragment of a tool call in a stream. The first fragment of a call carries its {@code id} and
 * {@code name}; later fragments carry only argument text. Fragments of one call share an
 * {@code index}; concatenating their {@code arguments} in order gives the arguments JSON.
 *
 * @param index the call's position among the choice's tool calls
 * @param id the call id on the first fragment, else {@code null}
 * @param name the function name on the first fragment, else {@code null}
 * @param arguments an argument text fragment, possibly empty
 * @param signature the call's opaque signature ({@link ToolCall#signature()}) on the fragment that
 *     carries it, else {@code null}
 *     <p>Immutable and thread-safe.
 */
public record ToolCallDelta(int index, @Nullable String id, @Nullable String name, String arguments,
    @Nullable String signature) {
  public ToolCallDelta {
    Checks.nonNegative(index, "index");
    Checks.notNull(arguments, "arguments");
  }

  public ToolCallDelta(int index, @Nullable String id, @Nullable String name, String arguments) {
    this(index, id, name, arguments, null);
  }
}
