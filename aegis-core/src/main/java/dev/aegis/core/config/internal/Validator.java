package dev.aegis.core.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.config.Configurable;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.error.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a configuration tree against declared settings and turns it into {@link Settings}:
 * every problem is collected with its path and a hint (an unknown key with the closest known one,
 * a wrong type with the expected one, a value outside its bounds or allowed values, a missing
 * required setting, an unknown type, a secret that does not resolve). Not thread-safe: one per load.
 */
public final class Validator {
  private final Registry registry;
  private final SecretReferences secrets;
  private final List<ConfigException.Problem> problems;

  public Validator(Registry registry, SecretReferences secrets, List<ConfigException.Problem> problems) {
    this.registry = registry;
    this.secrets = secrets;
    this.problems = problems;
  }

  /** The settings of an object node; null values are left out. */
  public Settings object(JsonNode node, String path, SettingsSpec spec, boolean defaults) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String childPath = join(path, e.getKey());
      Setting s = spec.find(e.getKey()).orElse(null);
      if (s == null) {
        problems.add(new ConfigException.Problem(childPath, "unknown key" + Suggestions.hint(e.getKey(), spec.names())));
        continue;
      }
      if (e.getValue().isNull()) {
        continue;
      }
      Object v = value(e.getValue(), childPath, s);
      if (v != null) {
        values.put(s.name(), v);
      }
    }
    for (Setting s : spec.settings()) {
      if (values.containsKey(s.name()) || (node.has(s.name()) && !node.get(s.name()).isNull())) {
        continue;
      }
      if (s.required()) {
        problems.add(new ConfigException.Problem(join(path, s.name()), "is required (" + s.doc() + ")"));
      } else if (defaults && s.defaultValue() != null) {
        values.put(s.name(), parseDefault(s));
      }
    }
    return Settings.of(path, spec, values);
  }

  private @Nullable Object value(JsonNode n, String path, Setting s) {
    switch (s.type()) {
      case STRING:
      case SECRET: {
        if (!n.isValueNode() || (s.type() == SettingType.SECRET && !n.isTextual())) {
          return wrongType(n, path, s);
        }
        String text = n.asText();
        if (SecretReferences.hasReference(text)) {
          text = secrets.resolve(text, path, problems);
          if (text == null) {
            return null;
          }
        }
        if ((s.type() == SettingType.SECRET || s.required()) && text.isBlank()) {
          problems.add(new ConfigException.Problem(path, "must not be empty"));
          return null;
        }
        if (!s.allowedValues().isEmpty() && !s.allowedValues().contains(text)) {
          problems.add(new ConfigException.Problem(path, "must be one of " + s.allowedValues() + " but was '" + text + "'"
              + (Suggestions.closest(text, s.allowedValues()) == null ? ""
                  : "; did you mean \"" + Suggestions.closest(text, s.allowedValues()) + "\"?")));
          return null;
        }
        return text;
      }
      case INTEGER:
        if (!n.isIntegralNumber()) {
          return wrongType(n, path, s);
        }
        if (!n.canConvertToLong()) {
          problems.add(new ConfigException.Problem(path, "must be at most " + Long.MAX_VALUE + " but was " + n.asText()));
          return null;
        }
        return bounded(n.asLong(), path, s) ? n.asLong() : null;
      case DECIMAL:
        if (!n.isNumber()) {
          return wrongType(n, path, s);
        }
        return bounded(n.asDouble(), path, s) ? n.asDouble() : null;
      case BOOLEAN:
        return n.isBoolean() ? n.asBoolean() : wrongType(n, path, s);
      case DURATION: {
        Duration d = n.isTextual() ? duration(n.asText()) : null;
        if (d == null) {
          return wrongType(n, path, s);
        }
        return bounded(d.toNanos() / 1e9, path, s) ? d : null;
      }
      case STRING_LIST: {
        if (!n.isArray()) {
          return wrongType(n, path, s);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
          JsonNode el = n.get(i);
          if (!el.isValueNode() || el.isNull()) {
            problems.add(new ConfigException.Problem(path + "[" + i + "]", "must be a string"));
          } else {
            out.add(el.asText());
          }
        }
        return List.copyOf(out);
      }
      case STRING_MAP: {
        if (!n.isObject()) {
          return wrongType(n, path, s);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            problems.add(new ConfigException.Problem(path + "." + e.getKey(), "must be a string"));
            continue;
          }
          String text = e.getValue().asText();
          if (SecretReferences.hasReference(text)) {
            text = secrets.resolve(text, path + "." + e.getKey(), problems);
          }
          if (text != null) {
            out.put(e.getKey(), text);
          }
        }
        return java.util.Collections.unmodifiableMap(out);
      }
      case OBJECT:
        return n.isObject() ? nested(n, path, s) : wrongType(n, path, s);
      case OBJECT_LIST: {
        if (!n.isArray()) {
          return wrongType(n, path, s);
        }
        List<Settings> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
          String p = path + "[" + i + "]";
          if (!n.get(i).isObject()) {
            problems.add(new ConfigException.Problem(p, "must be an object but was " + describe(n.get(i), false)));
            continue;
          }
          Settings el = nested(n.get(i), p, s);
          if (el != null) {
            out.add(el);
          }
        }
        return List.copyOf(out);
      }
      case OBJECT_MAP: {
        if (!n.isObject()) {
          return wrongType(n, path, s);
        }
        Map<String, Settings> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String p = path + "." + e.getKey();
          if (!e.getValue().isObject()) {
            problems.add(new ConfigException.Problem(p, "must be an object but was " + describe(e.getValue(), false)));
            continue;
          }
          Settings el = nested(e.getValue(), p, s);
          if (el != null) {
            out.put(e.getKey(), el);
          }
        }
        return java.util.Collections.unmodifiableMap(out);
      }
      default:
        throw new IllegalStateException("unhandled setting type " + s.type());
    }
  }

  /** A nested object, with its type's settings added for a typed setting; null when the type is unknown. */
  private @Nullable Settings nested(JsonNode n, String path, Setting s) {
    SettingsSpec base = s.nested() == null ? SettingsSpec.empty() : s.nested();
    if (s.factoryKind() == null) {
      // a top-level section gets no defaults: what the file leaves out stays as the builder has it
      return object(n, path, base, path.indexOf('.') >= 0 || path.indexOf('[') >= 0);
    }
    String kind = s.factoryKind();
    JsonNode typeNode = n.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText()
        : base.find("type").map(Setting::defaultValue).orElse(null);
    if (type == null) {
      problems.add(new ConfigException.Problem(path + ".type", "is required; known " + kind + " types: "
          + registry.all(kind).keySet()));
      return null;
    }
    Configurable factory = registry.find(kind, type);
    if (factory == null) {
      problems.add(new ConfigException.Problem(path + ".type", "unknown " + kind + " type '" + type + "'"
          + Suggestions.hint(type, registry.all(kind).keySet())));
      return null;
    }
    return object(n, path, merge(base, factory.settings()), !Registry.PROVIDER.equals(kind));
  }

  /** The base settings, then the type's own that do not repeat a base name. */
  static SettingsSpec merge(SettingsSpec base, SettingsSpec own) {
    List<Setting> all = new ArrayList<>(base.settings());
    for (Setting s : own.settings()) {
      if (base.find(s.name()).isEmpty()) {
        all.add(s);
      }
    }
    return SettingsSpec.of(all);
  }

  private boolean bounded(double v, String path, Setting s) {
    Double min = s.min();
    if (min == null || (s.minExclusive() ? v > min : v >= min)) {
      return true;
    }
    String bound = min == Math.rint(min) ? String.valueOf(min.longValue()) : String.valueOf(min);
    String was = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    problems.add(new ConfigException.Problem(path, "must be " + (s.minExclusive() ? "> " : ">= ") + bound
        + " but was " + (s.type() == SettingType.DURATION ? was + "s" : was)));
    return false;
  }

  private @Nullable Object wrongType(JsonNode n, String path, Setting s) {
    problems.add(new ConfigException.Problem(path, "must be " + s.type().expected() + " but was "
        + describe(n, s.type() == SettingType.SECRET)));
    return null;
  }

  private static String describe(JsonNode n, boolean secret) {
    if (n.isObject()) return "a map";
    if (n.isArray()) return "a list";
    if (secret) return "a " + (n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "text");
    if (n.isNumber()) return "the number " + n.asText();
    if (n.isBoolean()) return n.asText();
    return "'" + n.asText() + "'";
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Object parseDefault(Setting s) {
    String d = s.defaultValue();
    switch (s.type()) {
      case INTEGER: return Long.parseLong(d);
      case DECIMAL: return Double.parseDouble(d);
      case BOOLEAN: return Boolean.parseBoolean(d);
      case DURATION: return duration(d);
      default: return d;
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT30S}); null otherwise. */
  public static @Nullable Duration duration(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    int i = 0;
    while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) i++;
    if (i == 0 || i == t.length()) {
      return null;
    }
    double amount;
    try {
      amount = Double.parseDouble(t.substring(0, i));
    } catch (NumberFormatException e) {
      return null;
    }
    long unitNanos;
    switch (t.substring(i).trim()) {
      case "ms": unitNanos = 1_000_000L; break;
      case "s": unitNanos = 1_000_000_000L; break;
      case "m": unitNanos = 60_000_000_000L; break;
      case "h": unitNanos = 3_600_000_000_000L; break;
      case "d": unitNanos = 86_400_000_000_000L; break;
      default: return null;
    }
    return Duration.ofNanos(Math.round(amount * unitNanos));
  }
}
