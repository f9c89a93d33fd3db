package dev.aegis.api.config;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The declared settings of one configurable object, in documentation order. Specs nest through
 * object settings ({@link Setting#nested()}).
 *
 * <pre>{@code
 * SettingsSpec spec = SettingsSpec.of(
 *     Setting.builder("region", SettingType.STRING).doc("The AWS region.").required().build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SettingsSpec {
  private static final SettingsSpec EMPTY = new SettingsSpec(List.of());

  private final List<Setting> settings;
  private final Map<String, Setting> byName;

  private SettingsSpec(List<Setting> settings) {
    this.settings = Checks.copyOf(settings, "settings");
    Map<String, Setting> map = new LinkedHashMap<>();
    for (Setting s : this.settings) {
      if (map.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException("setting " + s.name() + " is declared twice");
      }
    }
    this.byName = java.util.Collections.unmodifiableMap(map);
  }

  public static SettingsSpec of(Setting... settings) {
    return new SettingsSpec(List.of(settings));
  }

  public static SettingsSpec of(List<Setting> settings) {
    return new SettingsSpec(settings);
  }

  /** A spec with no settings. */
  public static SettingsSpec empty() {
    return EMPTY;
  }

  public List<Setting> settings() {
    return settings;
  }

  public Optional<Setting> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The declared names, in order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * This spec followed by {@code more}'s settings.
   *
   * @throws IllegalArgumentException when both declare a name
   */
  public SettingsSpec and(SettingsSpec more) {
    Checks.notNull(more, "more");
    List<Setting> all = new ArrayList<>(settings);
    all.addAll(more.settings);
    return new SettingsSpec(all);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SettingsSpec && settings.equals(((SettingsSpec) o).settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return "SettingsSpec" + byName.keySet();
  }
}
