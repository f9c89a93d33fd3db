package dev.aegis.api;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options that travel beside a request: the caller's credential (a virtual key), the
 * principal when the host has already authenticated the caller, request metadata for routing
 * rules and reporting, a deadline, and cache control.
 *
 * <p>Metadata is for routing and reporting only. It can never set a label such as
 * {@code classification}: labels are written by plugins alone.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .principal(Principal.of("alice", "acme"))
 *     .metadata("feature", "summarize")
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final @Nullable String credential;
  private final @Nullable Principal principal;
  private final Map<String, String> metadata;
  private final @Nullable Duration timeout;
  private final CacheControl cacheControl;
  private final @Nullable String requestId;

  private RequestOptions(Builder b) {
    this.credential = b.credential;
    this.principal = b.principal;
    this.metadata = Checks.copyOf(b.metadata, "metadata");
    this.timeout = b.timeout;
    this.cacheControl = b.cacheControl;
    this.requestId = b.requestId;
  }

  /** Options with nothing set. */
  public static RequestOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The caller's credential (typically a virtual key), or {@code null}. Never printed. */
  public @Nullable String credential() {
    return credential;
  }

  /** The principal the host authenticated, or {@code null}. */
  public @Nullable Principal principal() {
    return principal;
  }

  /** Request metadata (never labels), never null. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The total time this call may take, or {@code null} for the configured default. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  public CacheControl cacheControl() {
    return cacheControl;
  }

  /** A caller-chosen request id for correlation, or {@code null} to let the gateway choose. */
  public @Nullable String requestId() {
    return requestId;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof RequestOptions)) return false;
    RequestOptions that = (RequestOptions) o;
    return Objects.equals(credential, that.credential)
        && Objects.equals(principal, that.principal)
        && metadata.equals(that.metadata)
        && Objects.equals(timeout, that.timeout)
        && cacheControl.equals(that.cacheControl)
        && Objects.equals(requestId, that.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(credential, principal, metadata, timeout, cacheControl, requestId);
  }

  @Override
  public String toString() {
    return "RequestOptions{credential=" + (credential == null ? "none" : "****")
        + ", principal=" + principal + ", metadata=" + metadata + ", timeout=" + timeout
        + ", cacheControl=" + cacheControl + ", requestId=" + requestId + '}';
  }

  /** Builds {@link RequestOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String credential;
    private @Nullable Principal principal;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private @Nullable Duration timeout;
    private CacheControl cacheControl = CacheControl.DEFAULT;
    private @Nullable String requestId;

    private Builder() {}

    private Builder(RequestOptions o) {
      credential = o.credential;
      principal = o.principal;
      metadata.putAll(o.metadata);
      timeout = o.timeout;
      cacheControl = o.cacheControl;
      requestId = o.requestId;
    }

    public Builder credential(@Nullable String credential) {
      this.credential = credential;
      return this;
    }

    public Builder principal(@Nullable Principal principal) {
      this.principal = principal;
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(Checks.notNull(key, "metadata key"), Checks.notNull(value, "metadata value"));
      return this;
    }

    public Builder metadata(Map<String, String> values) {
      Checks.notNull(values, "metadata").forEach(this::metadata);
      return this;
    }

    /** The total time the call may take; must be positive. */
    public Builder timeout(@Nullable Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder cacheControl(CacheControl cacheControl) {
      this.cacheControl = Checks.notNull(cacheControl, "cacheControl");
      return this;
    }

    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
