package dev.aegis.providers.internal;

import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Puts a provider instance's credential on a request. The credential is read per request, so a
 * refreshing {@link CredentialProvider} (Entra tokens) takes effect without a rebuild. An API key
 * goes into {@code Authorization: Bearer} or, when the dialect names one, its own header
 * ({@code api-key} for Azure); a bearer token always goes into {@code Authorization}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CredentialHeaders {
  private final String provider;
  private final @Nullable CredentialProvider credentials;
  private final @Nullable String apiKeyHeader;

  /**
   * @param apiKeyHeader the header for API keys, or {@code null} for {@code Authorization: Bearer}
   */
  public CredentialHeaders(String provider, @Nullable CredentialProvider credentials, @Nullable String apiKeyHeader) {
    this.provider = provider;
    this.credentials = credentials;
    this.apiKeyHeader = apiKeyHeader;
  }

  public void apply(Request.Builder request) {
    if (credentials == null) {
      return;
    }
    Credential c = credentials.credential();
    if (c instanceof Credential.ApiKey) {
      String key = ((Credential.ApiKey) c).key();
      if (apiKeyHeader == null) {
        request.header("Authorization", "Bearer " + key);
      } else {
        request.header(apiKeyHeader, key);
      }
    } else if (c instanceof Credential.BearerToken) {
      request.header("Authorization", "Bearer " + ((Credential.BearerToken) c).token());
    } else {
      throw ConfigException.of("providers." + provider + ".credentials",
          "needs an API key or a bearer token, not " + c.getClass().getSimpleName());
    }
  }
}
