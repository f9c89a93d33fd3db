package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The key of a label: a named string value that plugins attach to a request (for routing rules,
 * residency and reporting). An <em>ordered</em> key holds enum values whose declaration order is
 * their strictness: such a label can only move to a stricter value, never back.
 *
 * <pre>{@code
 * enum Tier { FREE, PAID }
 * static final LabelKey<Tier> TIER = LabelKey.ordered("tier", Tier.class);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Keys are equal when their names are equal.
 *
 * @param <T> the value type
 */
public final class LabelKey<T> {
  private final String name;
  private final @Nullable Class<? extends Enum<?>> ordered;

  private LabelKey(String name, @Nullable Class<? extends Enum<?>> ordered) {
    this.name = Checks.notBlank(name, "name");
    this.ordered = ordered;
  }

  /** A plain string label. */
  public static LabelKey<String> of(String name) {
    return new LabelKey<>(name, null);
  }

  /** An ordered label; later enum constants are stricter. */
  public static <E extends Enum<E>> LabelKey<E> ordered(String name, Class<E> type) {
    return new LabelKey<>(name, Checks.notNull(type, "type"));
  }

  public String name() {
    return name;
  }

  /** Whether values can only move to stricter ones. */
  public boolean isOrdered() {
    return ordered != null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Nullable T decode(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    if (ordered == null) {
      return (T) raw;
    }
    return (T) Enum.valueOf((Class) ordered, raw);
  }

  String encode(T value) {
    return value instanceof Enum ? ((Enum<?>) value).name() : value.toString();
  }

  /** Whether {@code candidate} is at least as strict as {@code current}. */
  boolean notLessStrict(String current, String candidate) {
    if (ordered == null) {
      return true;
    }
    Enum<?> a = (Enum<?>) decode(current);
    Enum<?> b = (Enum<?>) decode(candidate);
    return a == null || b == null || b.ordinal() >= a.ordinal();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LabelKey && ((LabelKey<?>) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
