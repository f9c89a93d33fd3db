package dev.aegis.api.chat;

/**
 * The author of a {@link Message}, as in OpenAI chat completions.
 *
 * <p>Immutable and thread-safe.
 */
public enum Role {
  SYSTEM("system"),
  DEVELOPER("developer"),
  USER("user"),
  ASSISTANT("assistant"),
  TOOL("tool");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  /** The role's name on the OpenAI wire, e.g. {@code "assistant"}. */
  public String wireName() {
    return wire;
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the value if unknown. */
  public static Role fromWire(String value) {
    switch (value) {
      case "system": return SYSTEM;
      case "developer": return DEVELOPER;
      case "user": return USER;
      case "assistant": return ASSISTANT;
      case "tool": return TOOL;
      default: throw new IllegalArgumentException("unknown role '" + value + "'");
    }
  }

  /** Whether this role carries instructions (system or developer). */
  public boolean isInstruction() {
    return this == SYSTEM || this == DEVELOPER;
  }
}
