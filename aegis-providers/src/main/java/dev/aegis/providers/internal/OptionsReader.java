package dev.aegis.providers.internal;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.ProviderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Validates a provider configuration's options and base URL, collecting every problem with its
 * path before failing once, as {@link ConfigException} asks.
 *
 * <p>Not thread-safe: one per factory call.
 */
public final class OptionsReader {
  private final ProviderConfig config;
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  public OptionsReader(ProviderConfig config, Set<String> known) {
    this.config = config;
    for (String key : config.options().keySet()) {
      if (!known.contains(key)) {
        problem("options." + key, "unknown option; known: " + new java.util.TreeSet<>(known));
      }
    }
  }

  public void problem(String relativePath, String rule) {
    problems.add(new ConfigException.Problem("providers." + config.name() + '.' + relativePath, rule));
  }

  public @Nullable String get(String key) {
    return config.option(key);
  }

  public boolean bool(String key, boolean fallback) {
    String v = config.option(key);
    if (v == null) return fallback;
    if (v.equalsIgnoreCase("true")) return true;
    if (v.equalsIgnoreCase("false")) return false;
    problem("options." + key, "must be true or false but was '" + v + "'");
    return fallback;
  }

  /** A positive integer option, else {@code fallback}; a problem when it is set to anything else. */
  public int positiveInt(String key, int fallback) {
    String v = config.option(key);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) return n;
      problem("options." + key, "must be positive");
    } catch (NumberFormatException e) {
      problem("options." + key, "must be an integer but was '" + v + "'");
    }
    return fallback;
  }

  /** The configured base URL, else {@code fallback}; a problem when neither is an absolute http(s) URL. */
  public HttpUrl baseUrl(@Nullable String fallback) {
    String url = config.baseUrl() != null ? config.baseUrl() : fallback;
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      problem("baseUrl", url == null ? "is required" : "must be an absolute http(s) URL");
      return HttpUrl.get("http://invalid.invalid/");
    }
    return parsed;
  }

  /** Throws the collected problems, if any. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
