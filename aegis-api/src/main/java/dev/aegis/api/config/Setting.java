package dev.aegis.api.config;

import dev.aegis.api.internal.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One declared setting of a configurable type: its name, {@link SettingType}, default, allowed
 * values, lower bound and one line of documentation. A nested setting carries the
 * {@link SettingsSpec} of its objects; a <em>typed</em> one ({@link #factoryKind()}) lets each
 * object choose its further settings through its {@code type} key, from the factories of that kind.
 *
 * <pre>{@code
 * Setting weight = Setting.builder("weight", SettingType.INTEGER)
 *     .doc("The member's share of the traffic.").defaultValue("1").min(0, true).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Setting {
  private final String name;
  private final SettingType type;
  private final String doc;
  private final @Nullable String defaultValue;
  private final List<String> allowedValues;
  private final boolean required;
  private final @Nullable Double min;
  private final boolean minExclusive;
  private final @Nullable SettingsSpec nested;
  private final @Nullable String factoryKind;

  private Setting(Builder b) {
    name = Checks.notBlank(b.name, "name");
    type = Checks.notNull(b.type, "type");
    doc = Checks.notBlank(b.doc, "doc of setting " + b.name);
    defaultValue = b.defaultValue;
    allowedValues = Checks.copyOf(b.allowedValues, "allowedValues");
    required = b.required;
    min = b.min;
    minExclusive = b.minExclusive;
    nested = b.nested;
    factoryKind = b.factoryKind;
    if ((nested != null || factoryKind != null) && !type.nested()) {
      throw new IllegalArgumentException("setting " + name + ": only object settings have nested settings");
    }
  }

  public static Builder builder(String name, SettingType type) {
    return new Builder(name, type);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String name() {
    return name;
  }

  public SettingType type() {
    return type;
  }

  /** One line of documentation. */
  public String doc() {
    return doc;
  }

  /** The default, as a file would write it; {@code null} when there is none. */
  public @Nullable String defaultValue() {
    return defaultValue;
  }

  /** The values allowed, or empty when any value of the type is. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  public boolean required() {
    return required;
  }

  /** The lower bound of a number, or {@code null}. */
  public @Nullable Double min() {
    return min;
  }

  /** Whether {@link #min()} itself is excluded ("must be > 0" rather than "must be >= 0"). */
  public boolean minExclusive() {
    return minExclusive;
  }

  /** The settings of each nested object, or {@code null} for a non-object setting. */
  public @Nullable SettingsSpec nested() {
    return nested;
  }

  /**
   * For typed objects: the kind of factory ({@code provider}, {@code strategy}, {@code plugin},
   * {@code guardrail}, {@code store}) whose {@code type} an object names, adding that factory's
   * settings to {@link #nested()}; {@code null} otherwise.
   */
  public @Nullable String factoryKind() {
    return factoryKind;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Setting)) return false;
    Setting s = (Setting) o;
    return required == s.required && minExclusive == s.minExclusive && name.equals(s.name) && type == s.type
        && doc.equals(s.doc) && Objects.equals(defaultValue, s.defaultValue) && allowedValues.equals(s.allowedValues)
        && Objects.equals(min, s.min) && Objects.equals(nested, s.nested) && Objects.equals(factoryKind, s.factoryKind);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, defaultValue, allowedValues, required, min, factoryKind);
  }

  @Override
  public String toString() {
    return name + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + (defaultValue == null ? "" : ", default "
        + defaultValue) + ")";
  }

  /** Builds a {@link Setting}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private SettingType type;
    private @Nullable String doc;
    private @Nullable String defaultValue;
    private List<String> allowedValues = List.of();
    private boolean required;
    private @Nullable Double min;
    private boolean minExclusive;
    private @Nullable SettingsSpec nested;
    private @Nullable String factoryKind;

    private Builder(String name, SettingType type) {
      this.name = Checks.notBlank(name, "name");
      this.type = Checks.notNull(type, "type");
    }

    private Builder(Setting s) {
      name = s.name;
      type = s.type;
      doc = s.doc;
      defaultValue = s.defaultValue;
      allowedValues = s.allowedValues;
      required = s.required;
      min = s.min;
      minExclusive = s.minExclusive;
      nested = s.nested;
      factoryKind = s.factoryKind;
    }

    public Builder doc(String doc) {
      this.doc = doc;
      return this;
    }

    public Builder defaultValue(@Nullable String value) {
      this.defaultValue = value;
      return this;
    }

    public Builder allowed(String... values) {
      this.allowedValues = List.of(values);
      return this;
    }

    public Builder allowed(List<String> values) {
      this.allowedValues = List.copyOf(values);
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    /** A lower bound for a number; {@code exclusive} makes it "must be > min". */
    public Builder min(double min, boolean exclusive) {
      this.min = min;
      this.minExclusive = exclusive;
      return this;
    }

    public Builder nested(SettingsSpec spec) {
      this.nested = Checks.notNull(spec, "spec");
      return this;
    }

    /** Objects whose {@code type} names a factory of this kind, adding its settings. */
    public Builder typed(String factoryKind) {
      this.factoryKind = Checks.notBlank(factoryKind, "factoryKind");
      return this;
    }

    public Setting build() {
      return new Setting(this);
    }
  }
}
