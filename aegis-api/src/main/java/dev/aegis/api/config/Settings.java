package dev.aegis.api.config;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The validated values of one configured object, with defaults applied, as a factory receives
 * them: each value already has its declared type (a {@link SettingType#DURATION} is a
 * {@link Duration}, an {@link SettingType#OBJECT} is a nested {@code Settings}). Secrets are
 * resolved; {@link #toString()} never prints them.
 *
 * <pre>{@code
 * Duration ttl = settings.duration("ttl");          // null when unset and without default
 * long weight = settings.integer("weight", 1);
 * throw settings.problem("weight", "must be > 0");  // path: routes.smart.targets[1].weight
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Settings {
  private final String path;
  private final SettingsSpec spec;
  private final Map<String, Object> values;

  private Settings(String path, SettingsSpec spec, Map<String, Object> values) {
    this.path = Checks.notNull(path, "path");
    this.spec = Checks.notNull(spec, "spec");
    this.values = Checks.copyOf(values, "values");
  }

  /**
   * Values for {@code spec} found at {@code path} (empty for the root). The values must already
   * have their declared Java types; the configuration loader makes them.
   */
  public static Settings of(String path, SettingsSpec spec, Map<String, ?> values) {
    return new Settings(path, spec, new LinkedHashMap<>(values));
  }

  /** Where these settings sit in the file, e.g. {@code routes.smart.targets[1]}; empty for the root. */
  public String path() {
    return path;
  }

  /** The path of one of these settings. */
  public String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public SettingsSpec spec() {
    return spec;
  }

  /** Whether the setting has a value, given or by default. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The names that have values, in file order. */
  public Set<String> names() {
    return values.keySet();
  }

  /** The value of {@code type}, which typed objects carry, or {@code null}. */
  public @Nullable String type() {
    return string("type");
  }

  public @Nullable String string(String name) {
    return get(name, String.class);
  }

  public String string(String name, String fallback) {
    String v = string(name);
    return v == null ? fallback : v;
  }

  /** A resolved secret; never log it. */
  public @Nullable String secret(String name) {
    return get(name, String.class);
  }

  public @Nullable Long integer(String name) {
    return get(name, Long.class);
  }

  public long integer(String name, long fallback) {
    Long v = integer(name);
    return v == null ? fallback : v;
  }

  public @Nullable Double decimal(String name) {
    Object v = values.get(name);
    if (v instanceof Long) {
      return ((Long) v).doubleValue();
    }
    return get(name, Double.class);
  }

  public double decimal(String name, double fallback) {
    Double v = decimal(name);
    return v == null ? fallback : v;
  }

  public @Nullable Boolean bool(String name) {
    return get(name, Boolean.class);
  }

  public boolean bool(String name, boolean fallback) {
    Boolean v = bool(name);
    return v == null ? fallback : v;
  }

  public @Nullable Duration duration(String name) {
    return get(name, Duration.class);
  }

  public Duration duration(String name, Duration fallback) {
    Duration v = duration(name);
    return v == null ? fallback : v;
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String name) {
    List<String> v = get(name, List.class);
    return v == null ? List.of() : v;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> map(String name) {
    Map<String, String> v = get(name, Map.class);
    return v == null ? Map.of() : v;
  }

  public @Nullable Settings object(String name) {
    return get(name, Settings.class);
  }

  @SuppressWarnings("unchecked")
  public List<Settings> objects(String name) {
    List<Settings> v = get(name, List.class);
    return v == null ? List.of() : v;
  }

  /** Named objects, in file order; each one's {@link #path()} ends with its name. */
  @SuppressWarnings("unchecked")
  public Map<String, Settings> objectMap(String name) {
    Map<String, Settings> v = get(name, Map.class);
    return v == null ? Map.of() : v;
  }

  /** The name of a named object: the last segment of its path. */
  public String name() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  /** A problem with one of these settings, for a factory to throw (or collect). */
  public ConfigException problem(String name, String rule) {
    return ConfigException.of(path(name), rule);
  }

  private <T> @Nullable T get(String name, Class<T> type) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw new IllegalStateException(path(name) + " holds " + v.getClass().getSimpleName() + ", not "
          + type.getSimpleName());
    }
    return type.cast(v);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Settings && path.equals(((Settings) o).path) && values.equals(((Settings) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The values, with secrets and every string map's values as {@code ****}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (sb.length() > 1) sb.append(", ");
      Setting s = spec.find(e.getKey()).orElse(null);
      sb.append(e.getKey()).append('=');
      if (s != null && s.type() == SettingType.SECRET) {
        sb.append("****");
      } else if (e.getValue() instanceof Map && s != null && s.type() == SettingType.STRING_MAP) {
        sb.append(((Map<?, ?>) e.getValue()).keySet());
      } else {
        sb.append(e.getValue());
      }
    }
    return sb.append('}').toString();
  }
}
