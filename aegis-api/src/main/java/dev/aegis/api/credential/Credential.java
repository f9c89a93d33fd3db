package dev.aegis.api.credential;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A credential for an upstream provider. Every implementation's {@code toString()} hides the
 * secret.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Credential permits Credential.ApiKey, Credential.BearerToken, Credential.AwsCredentials {

  /** When this credential stops being valid, or {@code null} if it does not expire. */
  @Nullable Instant expiresAt();

  /** A static API key. */
  static ApiKey apiKey(String key) {
    return new ApiKey(key);
  }

  /**
   * A static API key.
   *
   * @param key the key
   */
  record ApiKey(String key) implements Credential {
    public ApiKey {
      Checks.notBlank(key, "key");
    }

    @Override
    public @Nullable Instant expiresAt() {
      return null;
    }

    @Override
    public String toString() {
      return "ApiKey[****]";
    }
  }

  /**
   * A bearer token, such as a Microsoft Entra access token or a Bedrock API key.
   *
   * @param token the token
   * @param expiresAt its expiry, or {@code null}
   */
  record BearerToken(String token, @Nullable Instant expiresAt) implements Credential {
    public BearerToken {
      Checks.notBlank(token, "token");
    }

    @Override
    public String toString() {
      return "BearerToken[****, expiresAt=" + expiresAt + ']';
    }
  }

  /**
   * AWS credentials for Signature Version 4.
   *
   * @param accessKeyId the access key id
   * @param secretAccessKey the secret access key
   * @param sessionToken the session token of temporary credentials, or {@code null}
   * @param expiresAt expiry of temporary credentials, or {@code null}
   */
  record AwsCredentials(String accessKeyId, String secretAccessKey, @Nullable String sessionToken,
      @Nullable Instant expiresAt) implements Credential {
    public AwsCredentials {
      Checks.notBlank(accessKeyId, "accessKeyId");
      Checks.notBlank(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
      return "AwsCredentials[" + (accessKeyId.length() > 4 ? accessKeyId.substring(0, 4) : "") + "****"
          + (sessionToken == null ? "" : ", session") + ", expiresAt=" + expiresAt + ']';
    }
  }
}
