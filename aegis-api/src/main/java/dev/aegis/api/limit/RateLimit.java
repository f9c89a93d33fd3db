package dev.aegis.api.limit;

import dev.aegis.api.internal.Checks;
import java.time.Duration;

/**
 * One rate limit: how many requests or tokens per interval, or how many requests in flight at
 * once, for one scope (every key, tenant, user, or tenant-and-model gets its own allowance).
 *
 * <p>Rates are enforced with GCRA (the generic cell rate algorithm): {@code amount} per
 * {@code per} with a burst of {@code amount}, admitted exactly under contention and with no
 * window boundary that doubles the burst. A request is refused when it would exceed the
 * allowance; the refusal says exactly when it would be admitted.
 *
 * <pre>{@code
 * RateLimit.requests(RateLimit.Scope.KEY, 60, Duration.ofMinutes(1));
 * RateLimit.tokens(RateLimit.Scope.TENANT, 1_000_000, Duration.ofMinutes(1));
 * RateLimit.concurrent(RateLimit.Scope.USER, 4);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name reported when the limit is hit (e.g. {@code key.requests})
 * @param scope whose allowance it is
 * @param kind what is counted
 * @param amount the allowance, at least 1
 * @param per the interval ({@link Duration#ZERO} for {@link Kind#CONCURRENT})
 */
public record RateLimit(String name, Scope scope, Kind kind, long amount, Duration per) {

  /** Whose allowance a limit is. Every scope lives inside its tenant. */
  public enum Scope {
    /** Each virtual key. */
    KEY,
    /** Each tenant. */
    TENANT,
    /** Each user of a tenant. */
    USER,
    /** Each model (alias) within a tenant. */
    MODEL
  }

  /** What a limit counts. */
  public enum Kind {
    /** Requests per interval. */
    REQUESTS,
    /** Input plus output tokens per interval: estimated before the call, reconciled after. */
    TOKENS,
    /** Requests in flight at once. */
    CONCURRENT
  }

  public RateLimit {
    Checks.notBlank(name, "name");
    Checks.notNull(scope, "scope");
    Checks.notNull(kind, "kind");
    Checks.notNull(per, "per");
    if (amount < 1) {
      throw new IllegalArgumentException("a rate limit's amount must be at least 1 but was " + amount);
    }
    if (kind == Kind.CONCURRENT ? !per.isZero() : per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException(kind == Kind.CONCURRENT
          ? "a concurrency limit has no interval" : "a rate limit's interval must be positive but was " + per);
    }
  }

  /** {@code amount} requests per interval. */
  public static RateLimit requests(Scope scope, long amount, Duration per) {
    return new RateLimit(defaultName(scope, Kind.REQUESTS), scope, Kind.REQUESTS, amount, per);
  }

  /** {@code amount} tokens (input plus output) per interval. */
  public static RateLimit tokens(Scope scope, long amount, Duration per) {
    return new RateLimit(defaultName(scope, Kind.TOKENS), scope, Kind.TOKENS, amount, per);
  }

  /** At most {@code amount} requests in flight at once. */
  public static RateLimit concurrent(Scope scope, long amount) {
    return new RateLimit(defaultName(scope, Kind.CONCURRENT), scope, Kind.CONCURRENT, amount, Duration.ZERO);
  }

  /** The same limit under another name. */
  public RateLimit named(String name) {
    return new RateLimit(name, scope, kind, amount, per);
  }

  private static String defaultName(Scope scope, Kind kind) {
    return scope.name().toLowerCase(java.util.Locale.ROOT) + '.' + kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
