package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Typed attributes of one request, keyed by {@link AttributeKey} identity. {@code toString()}
 * shows key names only, never values.
 *
 * <p>Thread-safe.
 */
public final class Attributes {
  private final ConcurrentHashMap<AttributeKey<?>, Object> values = new ConcurrentHashMap<>(4);

  public <T> void put(AttributeKey<T> key, T value) {
    values.put(Checks.notNull(key, "key"), Checks.notNull(value, "value"));
  }

  public <T> @Nullable T get(AttributeKey<T> key) {
    Object v = values.get(key);
    return v == null ? null : key.cast(v);
  }

  /** The value, created and stored by {@code factory} if absent. */
  public <T> T computeIfAbsent(AttributeKey<T> key, Supplier<? extends T> factory) {
    return key.cast(values.computeIfAbsent(key, k -> Checks.notNull(factory.get(), "value")));
  }

  public <T> @Nullable T remove(AttributeKey<T> key) {
    Object v = values.remove(key);
    return v == null ? null : key.cast(v);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Attributes");
    sb.append(values.keySet());
    return sb.toString();
  }
}
