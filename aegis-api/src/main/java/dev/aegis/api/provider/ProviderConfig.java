package dev.aegis.api.provider;

import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one provider instance: its name and type, base URL, credentials, whether
 * it is <em>local</em> (inside the network boundary, for residency rules), default headers,
 * timeouts, type-specific options (an Azure {@code apiVersion}, an AWS {@code region}, ...),
 * tags that every target on this provider carries (merged with the target's own, e.g. {@code eu}
 * for residency rules), and typed extensions the host supplies (such as its own {@code OkHttpClient} for proxies and mTLS).
 *
 * <p>{@code local} is declared, never inferred from the type: an Ollama on another host is not
 * local unless the configuration says so.
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder("openai-eu", "openai")
 *     .credentials(CredentialProvider.apiKey(System.getenv("OPENAI_API_KEY")))
 *     .baseUrl("https://eu.api.openai.com/v1")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (extensions are shared as given).
 */
public final class ProviderConfig {
  private final String name;
  private final String type;
  private final @Nullable String baseUrl;
  private final @Nullable CredentialProvider credentials;
  private final boolean local;
  private final Map<String, String> headers;
  private final Map<String, String> options;
  private final Set<String> tags;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Clock clock;
  private final Map<Class<?>, Object> extensions;

  private ProviderConfig(Builder b) {
    name = Checks.notBlank(b.name, "name");
    type = Checks.notBlank(b.type, "type");
    baseUrl = b.baseUrl;
    credentials = b.credentials;
    local = b.local;
    headers = Checks.copyOf(b.headers, "headers");
    options = Checks.copyOf(b.options, "options");
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
    connectTimeout = b.connectTimeout;
    readTimeout = b.readTimeout;
    clock = b.clock;
    extensions = Checks.copyOf(b.extensions, "extensions");
  }

  public static Builder builder(String name, String type) {
    return new Builder(name, type);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The instance name, unique within a gateway. */
  public String name() {
    return name;
  }

  /** The provider type, matching a {@link ProviderFactory#type()}. */
  public String type() {
    return type;
  }

  /** The base URL, or {@code null} for the provider's public endpoint. */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  /** The credentials, or {@code null} when the provider needs none (a local model). */
  public @Nullable CredentialProvider credentials() {
    return credentials;
  }

  /** Whether this instance runs inside the network boundary (residency). */
  public boolean local() {
    return local;
  }

  /** Headers sent on every request of this instance. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Type-specific options, never null. */
  public Map<String, String> options() {
    return options;
  }

  /**
   * Tags every target on this provider carries, in the order added; the engine merges them with
   * each target's own tags into the {@code TargetInfo} plugins see. Never null.
   */
  public Set<String> tags() {
    return tags;
  }

  /** A type-specific option, or {@code null}. */
  public @Nullable String option(String key) {
    return options.get(key);
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest silence tolerated while reading a response. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** The wall clock (request signing, token expiry); fixed in tests. */
  public Clock clock() {
    return clock;
  }

  /** A host-supplied extension of the given type (e.g. an {@code OkHttpClient}), or {@code null}. */
  public <T> @Nullable T extension(Class<T> type) {
    Object value = extensions.get(type);
    return value == null ? null : type.cast(value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof ProviderConfig)) return false;
    ProviderConfig c = (ProviderConfig) o;
    return local == c.local && name.equals(c.name) && type.equals(c.type)
        && Objects.equals(baseUrl, c.baseUrl) && Objects.equals(credentials, c.credentials)
        && headers.equals(c.headers) && options.equals(c.options) && tags.equals(c.tags)
        && connectTimeout.equals(c.connectTimeout) && readTimeout.equals(c.readTimeout)
        && clock.equals(c.clock) && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, baseUrl, local, headers.keySet(), options, tags, connectTimeout, readTimeout);
  }

  /** Never prints credentials or header values (they often hold keys). */
  @Override
  public String toString() {
    return "ProviderConfig{name=" + name + ", type=" + type + ", baseUrl=" + baseUrl
        + ", local=" + local + ", credentials=" + (credentials == null ? "none" : "****")
        + ", headers=" + headers.keySet() + ", options=" + options.keySet()
        + (tags.isEmpty() ? "" : ", tags=" + tags) + '}';
  }

  /** Builds a {@link ProviderConfig}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String type;
    private @Nullable String baseUrl;
    private @Nullable CredentialProvider credentials;
    private boolean local;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(120);
    private Clock clock = Clock.systemUTC();
    private final Map<Class<?>, Object> extensions = new LinkedHashMap<>();

    private Builder(String name, String type) {
      this.name = Checks.notBlank(name, "name");
      this.type = Checks.notBlank(type, "type");
    }

    private Builder(ProviderConfig c) {
      name = c.name;
      type = c.type;
      baseUrl = c.baseUrl;
      credentials = c.credentials;
      local = c.local;
      headers.putAll(c.headers);
      options.putAll(c.options);
      tags.addAll(c.tags);
      connectTimeout = c.connectTimeout;
      readTimeout = c.readTimeout;
      clock = c.clock;
      extensions.putAll(c.extensions);
    }

    public Builder name(String name) {
      this.name = Checks.notBlank(name, "name");
      return this;
    }

    public Builder baseUrl(@Nullable String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder credentials(@Nullable CredentialProvider credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder local(boolean local) {
      this.local = local;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Checks.notNull(name, "header name"), Checks.notNull(value, "header value"));
      return this;
    }

    public Builder option(String key, String value) {
      options.put(Checks.notNull(key, "option key"), Checks.notNull(value, "option value"));
      return this;
    }

    public Builder options(Map<String, String> options) {
      Checks.notNull(options, "options").forEach(this::option);
      return this;
    }

    /** Adds a tag every target on this provider carries. */
    public Builder tag(String tag) {
      tags.add(Checks.notBlank(tag, "tag"));
      return this;
    }

    /** Adds tags every target on this provider carries. */
    public Builder tags(Collection<String> tags) {
      Checks.notNull(tags, "tags").forEach(this::tag);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /** Supplies a typed extension, e.g. {@code extension(OkHttpClient.class, myClient)}. */
    public <T> Builder extension(Class<T> type, T value) {
      extensions.put(Checks.notNull(type, "type"), type.cast(Checks.notNull(value, "value")));
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Checks.notNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + d);
      }
      return d;
    }

    public ProviderConfig build() {
      return new ProviderConfig(this);
    }
  }
}
