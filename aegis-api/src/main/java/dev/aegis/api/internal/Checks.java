package dev.aegis.api.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks and defensive copies used by the value types. Not public API. */
public final class Checks {
  private static final Class<?> IMMUTABLE_LIST_12 = List.of(1).getClass();
  private static final Class<?> IMMUTABLE_LIST_N = List.of(1, 2, 3).getClass();
  private Checks() {}

  public static <T> T notNull(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  public static String notBlank(@Nullable String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * An unmodifiable copy that rejects null elements, naming the collection in the message. A
   * list made by {@code List.of}/{@code List.copyOf}/{@code Stream.toList} (unmodifiable
   * already) is checked and returned as it is: value types copy their lists on every build,
   * often lists they made.
   */
  @SuppressWarnings("unchecked")
  public static <T> List<T> copyOf(@Nullable Collection<? extends T> values, String name) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    Class<?> type = values.getClass();
    if (type == IMMUTABLE_LIST_12 || type == IMMUTABLE_LIST_N) {
      // Stream.toList() makes the same classes and allows nulls: check, without an iterator
      List<T> immutable = (List<T>) values;
      for (int i = 0, n = immutable.size(); i < n; i++) {
        elementNotNull(immutable.get(i), name);
      }
      return immutable;
    }
    Object[] elements = values.toArray(); // one consistent read, also of a synchronized list
    for (Object e : elements) {
      elementNotNull(e, name);
    }
    switch (elements.length) {
      case 1:
        return List.of((T) elements[0]);
      case 2:
        return List.of((T) elements[0], (T) elements[1]);
      default:
        return (List<T>) List.of(elements);
    }
  }

  private static <T> T elementNotNull(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " element must not be null");
    }
    return value;
  }

  /** An unmodifiable, insertion-ordered copy; keys must be non-null, values may be null only if allowed. */
  public static <K, V> Map<K, V> copyOf(
      @Nullable Map<? extends K, ? extends V> values, String name, boolean nullValues) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    Map<K, V> copy = new LinkedHashMap<>(values.size() * 2);
    for (Map.Entry<? extends K, ? extends V> e : values.entrySet()) {
      K key = e.getKey();
      if (key == null) {
        throw new NullPointerException(name + " key must not be null");
      }
      V value = e.getValue();
      if (value == null && !nullValues) {
        throw new NullPointerException(name + " value for '" + key + "' must not be null");
      }
      copy.put(key, value);
    }
    return Collections.unmodifiableMap(copy);
  }

  public static <K, V> Map<K, V> copyOf(@Nullable Map<? extends K, ? extends V> values, String name) {
    return copyOf(values, name, false);
  }

  public static int nonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  public static boolean equal(@Nullable Object a, @Nullable Object b) {
    return Objects.equals(a, b);
  }
}
