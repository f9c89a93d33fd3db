package dev.aegis.providers.internal;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
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
  /** The options every HTTP adapter takes: its body limits (see {@link HttpTransport.Limits}). */
  public static final Set<String> TRANSPORT_OPTIONS = Set.of("maxResponseBytes", "maxEventBytes");

  private final ProviderConfig config;
  private final List<ConfigException.Problem> problems = new ArrayList<>();
  private final HttpTransport.Limits limits;

  /** A reader for an HTTP adapter: {@code known} plus {@link #TRANSPORT_OPTIONS}. */
  public OptionsReader(ProviderConfig config, Set<String> known) {
    this(config, known, true);
  }

  public OptionsReader(ProviderConfig config, Set<String> known, boolean http) {
    this.config = config;
    java.util.Set<String> all = new java.util.TreeSet<>(known);
    if (http) all.addAll(TRANSPORT_OPTIONS);
    for (String key : config.options().keySet()) {
      if (!all.contains(key)) {
        problem("options." + key, "unknown option; known: " + all);
      }
    }
    HttpTransport.Limits d = HttpTransport.Limits.DEFAULT;
    this.limits = http
        ? new HttpTransport.Limits(positiveLong("maxResponseBytes", d.maxResponseBytes()),
            positiveLong("maxEventBytes", d.maxEventBytes()))
        : d;
  }

  /** The body limits the options set (defaults: 32 MiB per body, 1 MiB per stream event). */
  public HttpTransport.Limits limits() {
    return limits;
  }

  /**
   * The adapter's transport: its body limits from the options, its client from the host's
   * extension, else the gateway's {@code context}, else one of its own ({@code context} null).
   */
  public HttpTransport transport(@Nullable ProviderContext context) {
    return new HttpTransport(config, limits, context);
  }

  /** A positive whole number of bytes (digits, optionally followed by KiB or MiB), else {@code fallback}. */
  public long positiveLong(String key, long fallback) {
    String v = config.option(key);
    if (v == null) return fallback;
    String s = v.trim();
    long unit = 1;
    if (s.endsWith("MiB")) {
      unit = 1L << 20;
      s = s.substring(0, s.length() - 3).trim();
    } else if (s.endsWith("KiB")) {
      unit = 1L << 10;
      s = s.substring(0, s.length() - 3).trim();
    }
    try {
      long n = Long.parseLong(s);
      if (n > 0 && n <= Long.MAX_VALUE / unit) return n * unit;
      problem("options." + key, "must be positive");
    } catch (NumberFormatException e) {
      problem("options." + key, "must be a number of bytes (e.g. 1048576, 512KiB, 32MiB) but was '" + v + "'");
    }
    return fallback;
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
