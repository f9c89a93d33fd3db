package dev.aegis.providers.aws;

import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Credential providers for AWS (Bedrock): static keys, the standard environment variables, and a
 * host-supplied loader (STS, instance or container roles, SSO) that is refreshed before expiry.
 *
 * <pre>{@code
 * CredentialProvider creds = AwsCredentialProviders.refreshing(
 *     () -> myStsClient.assumeRole(...),      // returns Credential.AwsCredentials with expiresAt
 *     Duration.ofMinutes(5), Clock.systemUTC());
 * }</pre>
 *
 * <p>Thread-safe: every provider returned is.
 */
public final class AwsCredentialProviders {
  private AwsCredentialProviders() {}

  /** Fixed access keys, with an optional session token. */
  public static CredentialProvider of(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
    return CredentialProvider.of(new Credential.AwsCredentials(accessKeyId, secretAccessKey, sessionToken, null));
  }

  /** A fixed Bedrock API key (sent as a bearer token instead of signing). */
  public static CredentialProvider bedrockApiKey(String key) {
    return CredentialProvider.of(new Credential.BearerToken(key, null));
  }

  /**
   * The standard environment, read on every call (so rotated values are picked up):
   * {@code AWS_BEARER_TOKEN_BEDROCK} (a Bedrock API key) wins when set and not empty; else
   * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and optional {@code AWS_SESSION_TOKEN}.
   *
   * @throws ConfigException (on use) when neither is set
   */
  public static CredentialProvider environment() {
    return environment(System::getenv);
  }

  /** As {@link #environment()}, reading variables from {@code env} (for tests and custom sources). */
  public static CredentialProvider environment(Function<String, @Nullable String> env) {
    return new CredentialProvider() {
      @Override
      public Credential credential() {
        String bearer = env.apply("AWS_BEARER_TOKEN_BEDROCK");
        if (bearer != null && !bearer.isBlank()) {
          return new Credential.BearerToken(bearer.trim(), null);
        }
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
          throw ConfigException.of("env:AWS_ACCESS_KEY_ID",
              "no AWS credentials: set AWS_BEARER_TOKEN_BEDROCK, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        String token = env.apply("AWS_SESSION_TOKEN");
        return new Credential.AwsCredentials(id.trim(), secret.trim(), token == null || token.isBlank() ? null : token.trim(), null);
      }

      @Override
      public String toString() {
        return "AwsCredentialProviders.environment[****]";
      }
    };
  }

  /**
   * Credentials from a host-supplied loader (STS AssumeRole, IMDS, ECS, SSO...), reloaded
   * {@code refreshAhead} before the loaded credentials expire; one thread refreshes while others wait.
   */
  public static CredentialProvider refreshing(Supplier<? extends Credential> loader, Duration refreshAhead, Clock clock) {
    return CredentialProvider.refreshing(loader, refreshAhead, clock);
  }

  /** The region from {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else {@code null}. */
  public static @Nullable String regionFromEnvironment(Function<String, @Nullable String> env) {
    String r = env.apply("AWS_REGION");
    if (r == null || r.isBlank()) r = env.apply("AWS_DEFAULT_REGION");
    return r == null || r.isBlank() ? null : r.trim();
  }
}
