package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Typed attributes of one request, keyed by {@link AttributeKey} identity. {@code toString()}
 * shows key names only, never values.
 *
 * <p>A request holds a handful of attributes, so they live in two small arrays searched by
 * identity under this object's lock rather than in a hash map: a lookup is a few comparisons and
 * the first attribute costs two 4-slot arrays instead of a map, its table and a node.
 *
 * <p>Thread-safe.
 */
public final class Attributes {
  private AttributeKey<?>[] keys = new AttributeKey<?>[4];
  private Object[] values = new Object[4];
  private int size;

  public synchronized <T> void put(AttributeKey<T> key, T value) {
    Checks.notNull(key, "key");
    Checks.notNull(value, "value");
    int i = indexOf(key);
    if (i >= 0) {
      values[i] = value;
    } else {
      append(key, value);
    }
  }

  public synchronized <T> @Nullable T get(AttributeKey<T> key) {
    int i = indexOf(key);
    return i < 0 ? null : key.cast(values[i]);
  }

  /**
   * The value, created and stored by {@code factory} if absent. The factory runs at most once
   * per key, under this object's lock; it must not touch these attributes.
   */
  public synchronized <T> T computeIfAbsent(AttributeKey<T> key, Supplier<? extends T> factory) {
    int i = indexOf(key);
    if (i >= 0) {
      return key.cast(values[i]);
    }
    T created = Checks.notNull(factory.get(), "value");
    append(key, created);
    return created;
  }

  public synchronized <T> @Nullable T remove(AttributeKey<T> key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    Object v = values[i];
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    keys[size] = null;
    values[size] = null;
    return key.cast(v);
  }

  private int indexOf(@Nullable AttributeKey<?> key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private void append(AttributeKey<?> key, Object value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    size++;
  }

  @Override
  public synchronized String toString() {
    StringJoiner names = new StringJoiner(", ", "Attributes[", "]");
    for (int i = 0; i < size; i++) {
      names.add(keys[i].toString());
    }
    return names.toString();
  }
}
