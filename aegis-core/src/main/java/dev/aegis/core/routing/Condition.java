package dev.aegis.core.routing;

import dev.aegis.api.Principal;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.Exchange;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rule of the {@code conditional} strategy: a predicate over the request's model, metadata,
 * principal, tenant and plugin-written labels. Patterns are compiled once, when the condition is
 * built.
 *
 * <pre>{@code
 * Condition eu = Condition.metadata("region").eq("eu");
 * Condition restricted = Condition.label("classification").in("RESTRICTED", "CONFIDENTIAL");
 * Condition gpt = Condition.model().glob("gpt-4*").and(Condition.tenant().ne("free-tier"));
 * }</pre>
 *
 * <p>Implementations must be immutable and thread-safe.
 */
@FunctionalInterface
public interface Condition {

  boolean matches(Exchange exchange);

  default Condition and(Condition other) {
    Checks.notNull(other, "other");
    return ex -> matches(ex) && other.matches(ex);
  }

  default Condition or(Condition other) {
    Checks.notNull(other, "other");
    return ex -> matches(ex) || other.matches(ex);
  }

  static Condition not(Condition c) {
    Checks.notNull(c, "condition");
    return ex -> !c.matches(ex);
  }

  static Condition allOf(List<Condition> conditions) {
    List<Condition> copy = List.copyOf(conditions);
    return ex -> {
      for (Condition c : copy) {
        if (!c.matches(ex)) return false;
      }
      return true;
    };
  }

  static Condition anyOf(List<Condition> conditions) {
    List<Condition> copy = List.copyOf(conditions);
    return ex -> {
      for (Condition c : copy) {
        if (c.matches(ex)) return true;
      }
      return false;
    };
  }

  /** The requested model or alias. */
  static Field model() {
    return new Field("model", Exchange::requestedModel);
  }

  /** A request metadata entry. */
  static Field metadata(String key) {
    Checks.notNull(key, "key");
    return new Field("metadata." + key, ex -> ex.metadata().get(key));
  }

  /** The principal's tenant. */
  static Field tenant() {
    return new Field("tenant", ex -> {
      Principal p = ex.principal();
      return p == null ? null : p.tenant();
    });
  }

  /** The principal's id. */
  static Field principal() {
    return new Field("principal", ex -> {
      Principal p = ex.principal();
      return p == null ? null : p.id();
    });
  }

  /** A label written by a plugin (never by the client). */
  static Field label(String name) {
    Checks.notNull(name, "name");
    return new Field("label." + name, ex -> ex.labels().asMap().get(name));
  }

  /**
   * A request field to compare; each operator returns a {@link Condition}. A missing value
   * matches only {@code ne}, {@code notIn} and {@code not(exists())}.
   *
   * <p>Immutable and thread-safe.
   */
  final class Field {
    private final String name;
    private final Function<Exchange, @Nullable String> getter;

    Field(String name, Function<Exchange, @Nullable String> getter) {
      this.name = name;
      this.getter = getter;
    }

    public Condition eq(String value) {
      Checks.notNull(value, name);
      return ex -> value.equals(getter.apply(ex));
    }

    public Condition ne(String value) {
      Checks.notNull(value, name);
      return ex -> !value.equals(getter.apply(ex));
    }

    public Condition in(String... values) {
      Set<String> set = Set.of(values);
      return ex -> {
        String v = getter.apply(ex);
        return v != null && set.contains(v);
      };
    }

    public Condition notIn(String... values) {
      Set<String> set = Set.of(values);
      return ex -> {
        String v = getter.apply(ex);
        return v == null || !set.contains(v);
      };
    }

    public Condition prefix(String prefix) {
      Checks.notNull(prefix, name);
      return ex -> {
        String v = getter.apply(ex);
        return v != null && v.startsWith(prefix);
      };
    }

    /** Glob with {@code *} (any run) and {@code ?} (one character). */
    public Condition glob(String glob) {
      return regex(globToRegex(Checks.notNull(glob, name)));
    }

    /** A full-match regular expression; an invalid one fails here, naming the field. */
    public Condition regex(String regex) {
      Pattern p;
      try {
        p = Pattern.compile(Checks.notNull(regex, name));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regex for " + name + ": " + e.getDescription(), e);
      }
      return ex -> {
        String v = getter.apply(ex);
        return v != null && p.matcher(v).matches();
      };
    }

    public Condition exists() {
      return ex -> getter.apply(ex) != null;
    }

    private static String globToRegex(String glob) {
      StringBuilder sb = new StringBuilder(glob.length() + 8);
      for (char c : glob.toCharArray()) {
        if (c == '*') {
          sb.append(".*");
        } else if (c == '?') {
          sb.append('.');
        } else {
          sb.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return sb.toString();
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
