package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;

/**
 * The key of a typed, private request attribute. Keys are compared by identity: a plugin that
 * keeps its key in a private field owns the attribute, and nobody else can read it. Attribute
 * values are never logged or published (a masking plugin keeps its mask map here).
 *
 * <pre>{@code
 * private static final AttributeKey<MaskMap> MASKS = AttributeKey.create("masks", MaskMap.class);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class AttributeKey<T> {
  private final String name;
  private final Class<T> type;

  private AttributeKey(String name, Class<T> type) {
    this.name = Checks.notBlank(name, "name");
    this.type = Checks.notNull(type, "type");
  }

  public static <T> AttributeKey<T> create(String name, Class<T> type) {
    return new AttributeKey<>(name, type);
  }

  public String name() {
    return name;
  }

  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "AttributeKey[" + name + ']';
  }
}
