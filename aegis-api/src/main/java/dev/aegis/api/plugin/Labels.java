package dev.aegis.api.plugin;

import dev.aegis.api.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The labels of one request. Only plugins write them; the gateway never copies them from request
 * metadata, so a client cannot label its own request {@code classification=PUBLIC}. Values of
 * ordered keys only move to stricter values: setting a laxer one keeps the stricter.
 *
 * <p>Thread-safe (plugins of a hedged request may run concurrently).
 */
public final class Labels {
  private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>(4);

  /**
   * Sets a label. For an ordered key, a value less strict than the current one is ignored.
   *
   * @return the value in force after the call
   */
  public <T> T set(LabelKey<T> key, T value) {
    Checks.notNull(key, "key");
    String encoded = key.encode(Checks.notNull(value, "value"));
    String result = values.merge(key.name(), encoded,
        (current, candidate) -> key.notLessStrict(current, candidate) ? candidate : current);
    T decoded = key.decode(result);
    return decoded == null ? value : decoded;
  }

  /** The label's value, or {@code null}. */
  public <T> @Nullable T get(LabelKey<T> key) {
    return key.decode(values.get(key.name()));
  }

  /** All labels as strings (for routing rules and reporting), a read-only view. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
