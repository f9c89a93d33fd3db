package dev.aegis.api;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a single call allows the response cache to do: whether it may answer from the cache
 * (lookup), whether it may store the fresh answer, how old an answer it accepts, and whether it
 * forces a refresh of the entry. The constants cover the common cases; {@link #builder()} the
 * rest.
 *
 * <pre>{@code
 * RequestOptions.builder().cacheControl(CacheControl.NO_STORE).build();
 * RequestOptions.builder().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CacheControl {
  /** Look up and store as configured. */
  public static final CacheControl DEFAULT = new CacheControl(true, true, false, null);
  /** Skip the lookup, but store the fresh answer (HTTP {@code no-cache}). */
  public static final CacheControl NO_CACHE = new CacheControl(false, true, false, null);
  /** Look up, but never store this answer (HTTP {@code no-store}). */
  public static final CacheControl NO_STORE = new CacheControl(true, false, false, null);
  /** Neither look up nor store. */
  public static final CacheControl BYPASS = new CacheControl(false, false, false, null);
  /**
   * Skip the lookup and any in-flight identical request, drop the current entry and store the
   * fresh answer in its place.
   */
  public static final CacheControl FORCE_REFRESH = new CacheControl(false, true, true, null);

  private final boolean read;
  private final boolean write;
  private final boolean forceRefresh;
  private final @Nullable Duration maxAge;

  private CacheControl(boolean read, boolean write, boolean forceRefresh, @Nullable Duration maxAge) {
    this.read = read;
    this.write = write;
    this.forceRefresh = forceRefresh;
    this.maxAge = maxAge;
  }

  /** Look up and store, but accept only an entry younger than {@code maxAge}. */
  public static CacheControl maxAge(Duration maxAge) {
    return builder().maxAge(maxAge).build();
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether a cached answer may be returned. */
  public boolean mayRead() {
    return read;
  }

  /** Whether the answer may be stored. */
  public boolean mayWrite() {
    return write;
  }

  /** Whether the current entry is dropped and replaced by a fresh answer (the lookup is skipped). */
  public boolean forceRefresh() {
    return forceRefresh;
  }

  /** The oldest entry this call accepts, or {@code null} for any entry that has not expired. */
  public @Nullable Duration maxAge() {
    return maxAge;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof CacheControl)) return false;
    CacheControl c = (CacheControl) o;
    return read == c.read && write == c.write && forceRefresh == c.forceRefresh && Objects.equals(maxAge, c.maxAge);
  }

  @Override
  public int hashCode() {
    return Objects.hash(read, write, forceRefresh, maxAge);
  }

  @Override
  public String toString() {
    return "CacheControl{read=" + read + ", write=" + write + (forceRefresh ? ", forceRefresh" : "")
        + (maxAge == null ? "" : ", maxAge=" + maxAge) + '}';
  }

  /** Builds a {@link CacheControl}. Not thread-safe. */
  public static final class Builder {
    private boolean read;
    private boolean write;
    private boolean forceRefresh;
    private @Nullable Duration maxAge;

    private Builder(CacheControl from) {
      read = from.read;
      write = from.write;
      forceRefresh = from.forceRefresh;
      maxAge = from.maxAge;
    }

    /** {@code false} skips the lookup (HTTP {@code no-cache}). */
    public Builder read(boolean read) {
      this.read = read;
      return this;
    }

    /** {@code false} never stores the answer (HTTP {@code no-store}). */
    public Builder write(boolean write) {
      this.write = write;
      return this;
    }

    /** Drops the current entry and stores the fresh answer; implies no lookup. */
    public Builder forceRefresh(boolean forceRefresh) {
      this.forceRefresh = forceRefresh;
      return this;
    }

    /** The oldest acceptable entry; zero or positive, {@code null} for no limit. */
    public Builder maxAge(@Nullable Duration maxAge) {
      if (maxAge != null && maxAge.isNegative()) {
        throw new IllegalArgumentException("maxAge must not be negative but was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a forced refresh is combined with {@code write(false)}
     */
    public CacheControl build() {
      if (forceRefresh && !write) {
        throw new IllegalArgumentException("forceRefresh stores the fresh answer; it cannot be combined with write(false)");
      }
      return new CacheControl(read && !forceRefresh, write, forceRefresh, maxAge);
    }
  }
}
