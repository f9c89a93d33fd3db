package dev.aegis.api.credential;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the current {@link Credential} for a provider instance. Providers call
 * {@link #credential()} for every request, so a refreshing implementation (Entra tokens, AWS STS)
 * takes effect without rebuilding anything.
 *
 * <pre>{@code
 * CredentialProvider entra = CredentialProvider.refreshing(
 *     () -> new Credential.BearerToken(fetchToken(), Instant.now().plusSeconds(3600)),
 *     Duration.ofMinutes(5), Clock.systemUTC());
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CredentialProvider {

  /** The credential to use now. May block briefly to refresh. */
  Credential credential();

  /** A fixed credential. */
  static CredentialProvider of(Credential credential) {
    Checks.notNull(credential, "credential");
    return () -> credential;
  }

  /** A fixed API key. */
  static CredentialProvider apiKey(String key) {
    return of(Credential.apiKey(key));
  }

  /**
   * An API key read from an environment variable when first needed.
   *
   * @throws ConfigException (on use) naming the variable if it is unset
   */
  static CredentialProvider fromEnv(String variable) {
    Checks.notBlank(variable, "variable");
    return () -> {
      String value = System.getenv(variable);
      if (value == null || value.isBlank()) {
        throw ConfigException.of("env:" + variable, "environment variable is not set");
      }
      return Credential.apiKey(value);
    };
  }

  /**
   * A credential loaded by {@code loader} and reloaded {@code refreshAhead} before it expires.
   * One thread refreshes while others wait; a credential without expiry is loaded once.
   */
  static CredentialProvider refreshing(Supplier<? extends Credential> loader, Duration refreshAhead, Clock clock) {
    return new Refreshing(loader, refreshAhead, clock);
  }

  /** See {@link #refreshing}. */
  final class Refreshing implements CredentialProvider {
    private final Supplier<? extends Credential> loader;
    private final Duration refreshAhead;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Credential current;

    private Refreshing(Supplier<? extends Credential> loader, Duration refreshAhead, Clock clock) {
      this.loader = Checks.notNull(loader, "loader");
      this.refreshAhead = Checks.notNull(refreshAhead, "refreshAhead");
      this.clock = Checks.notNull(clock, "clock");
    }

    @Override
    public Credential credential() {
      Credential c = current;
      if (c != null && fresh(c)) {
        return c;
      }
      lock.lock();
      try {
        c = current;
        if (c == null || !fresh(c)) {
          c = Checks.notNull(loader.get(), "loaded credential");
          current = c;
        }
        return c;
      } finally {
        lock.unlock();
      }
    }

    private boolean fresh(Credential c) {
      Instant expiry = c.expiresAt();
      return expiry == null || clock.instant().plus(refreshAhead).isBefore(expiry);
    }

    @Override
    public String toString() {
      return "CredentialProvider.Refreshing[****]";
    }
  }
}
