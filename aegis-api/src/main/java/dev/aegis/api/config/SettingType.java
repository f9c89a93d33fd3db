package dev.aegis.api.config;

/**
 * The type of one {@link Setting}: what a configuration file may write for it.
 *
 * <p>Immutable and thread-safe.
 */
public enum SettingType {
  /** Text. */
  STRING("a string"),
  /** A whole number. */
  INTEGER("a whole number"),
  /** A number, whole or decimal. */
  DECIMAL("a number"),
  /** {@code true} or {@code false}. */
  BOOLEAN("true or false"),
  /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}. */
  DURATION("a duration such as 500ms, 30s, 5m or 2h"),
  /** Text that must never be printed: an API key, usually a reference such as {@code ${env:OPENAI_API_KEY}}. */
  SECRET("a secret (text or a reference such as ${env:NAME})"),
  /** A list of strings. */
  STRING_LIST("a list of strings"),
  /** A map from names to strings. */
  STRING_MAP("a map of strings"),
  /** One nested object, described by the setting's nested {@link SettingsSpec}. */
  OBJECT("an object"),
  /** A list of nested objects. */
  OBJECT_LIST("a list of objects"),
  /** Nested objects by name: the key of each entry is its name. */
  OBJECT_MAP("a map of named objects");

  private final String expected;

  SettingType(String expected) {
    this.expected = expected;
  }

  /** What a value of this type looks like, for error messages: "a whole number". */
  public String expected() {
    return expected;
  }

  /** Whether values of this type hold nested objects. */
  public boolean nested() {
    return this == OBJECT || this == OBJECT_LIST || this == OBJECT_MAP;
  }
}
