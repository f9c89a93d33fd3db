package dev.aegis.core.config.internal;

import dev.aegis.api.config.SecretResolver;
import dev.aegis.api.error.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code ${scheme:name}} references in configuration values: {@code env},
 * {@code file} and {@code sys} built in, further schemes from {@link SecretResolver} services
 * and the loader. A problem names the reference, never a value. Immutable.
 */
public final class SecretReferences {
  private final Map<String, SecretResolver> schemes;

  private SecretReferences(Map<String, SecretResolver> schemes) {
    this.schemes = Map.copyOf(schemes);
  }

  /** The built-in schemes, the discovered ones, then {@code extra} (which win). */
  public static SecretReferences create(List<SecretResolver> extra) {
    Map<String, SecretResolver> m = new LinkedHashMap<>();
    m.put("env", resolver("env", System::getenv));
    m.put("sys", resolver("sys", System::getProperty));
    m.put("file", resolver("file", SecretReferences::readFile));
    for (SecretResolver r : ServiceLoader.load(SecretResolver.class, SecretReferences.class.getClassLoader())) {
      m.putIfAbsent(r.scheme(), r);
    }
    for (SecretResolver r : extra) {
      m.put(r.scheme(), r);
    }
    return new SecretReferences(m);
  }

  private static SecretResolver resolver(String scheme, java.util.function.Function<String, @Nullable String> f) {
    return new SecretResolver() {
      @Override
      public String scheme() {
        return scheme;
      }

      @Override
      public @Nullable String resolve(String name) {
        return f.apply(name);
      }
    };
  }

  private static @Nullable String readFile(String path) {
    try {
      String s = Files.readString(Path.of(path), StandardCharsets.UTF_8);
      // a secret file usually ends with a newline the value does not have
      return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Whether {@code value} holds a reference. */
  static boolean hasReference(String value) {
    return value.contains("${");
  }

  /**
   * {@code value} with every reference replaced; a problem at {@code path} for each one that
   * does not resolve, naming the reference only. Returns null when a reference failed.
   */
  @Nullable String resolve(String value, String path, List<ConfigException.Problem> problems) {
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    boolean ok = true;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      if (start < 0) {
        out.append(value, i, value.length());
        break;
      }
      out.append(value, i, start);
      int end = value.indexOf('}', start);
      if (end < 0) {
        problems.add(new ConfigException.Problem(path, "unclosed secret reference; write ${env:NAME}, ${file:/path} "
            + "or ${sys:property}"));
        return null;
      }
      String ref = value.substring(start, end + 1);
      String body = value.substring(start + 2, end);
      int colon = body.indexOf(':');
      SecretResolver r = colon < 0 ? null : schemes.get(body.substring(0, colon));
      if (r == null) {
        problems.add(new ConfigException.Problem(path, "secret reference " + ref + " has an unknown scheme; known: "
            + new TreeSet<>(schemes.keySet())));
        ok = false;
      } else {
        String name = body.substring(colon + 1);
        try {
          String v = r.resolve(name);
          if (v == null) {
            problems.add(new ConfigException.Problem(path, "secret " + ref + " is not set"));
            ok = false;
          } else {
            out.append(v);
          }
        } catch (RuntimeException e) {
          problems.add(new ConfigException.Problem(path, "secret " + ref + " could not be resolved: "
              + dev.aegis.api.internal.Secrets.scrub(e.getMessage())));
          ok = false;
        }
      }
      i = end + 1;
    }
    return ok ? out.toString() : null;
  }
}
