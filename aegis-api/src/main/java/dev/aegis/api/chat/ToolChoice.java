package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Whether and which tool the model must call.
 *
 * @param mode the mode
 * @param function the function name when {@code mode} is {@link Mode#FUNCTION}, else {@code null}
 *     <p>Immutable and thread-safe.
 */
public record ToolChoice(Mode mode, @Nullable String function) {
  /** The model decides. */
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  /** No tool may be called. */
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  /** Some tool must be called. */
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  /** The kinds of choice. */
  public enum Mode { AUTO, NONE, REQUIRED, FUNCTION }

  public ToolChoice {
    Checks.notNull(mode, "mode");
    if ((mode == Mode.FUNCTION) != (function != null)) {
      throw new IllegalArgumentException("a function name is required exactly for mode FUNCTION");
    }
  }

  /** The named function must be called. */
  public static ToolChoice function(String name) {
    return new ToolChoice(Mode.FUNCTION, Checks.notBlank(name, "name"));
  }
}
