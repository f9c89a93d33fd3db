package dev.aegis.providers.internal;

import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.provider.ProviderCall;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Starts an adapter's HTTP request with its headers, in order: the instance's credential, the
 * instance's configured headers, then the target's headers (later ones replace earlier ones of the
 * same name). The credential is read per request, so a refreshing {@link CredentialProvider}
 * (Entra tokens) takes effect without a rebuild: an API key goes into
 * {@code Authorization: Bearer} or, when the dialect names one, its own header ({@code api-key}
 * for Azure); a bearer token always goes into {@code Authorization}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestHeaders {
  private final String provider;
  private final @Nullable CredentialProvider credentials;
  private final @Nullable String apiKeyHeader;
  private final Headers configured;

  /**
   * @param credentials the credentials, or {@code null} to send none
   * @param apiKeyHeader the header for API keys, or {@code null} for {@code Authorization: Bearer}
   * @param configured the instance's headers
   */
  public RequestHeaders(String provider, @Nullable CredentialProvider credentials, @Nullable String apiKeyHeader,
      Map<String, String> configured) {
    this.provider = provider;
    this.credentials = credentials;
    this.apiKeyHeader = apiKeyHeader;
    this.configured = Headers.of(configured);
  }

  /** A request to {@code url} carrying the credential, the instance's and the target's headers. */
  public Request.Builder newRequest(HttpUrl url, ProviderCall call) {
    Request.Builder b = new Request.Builder().url(url);
    authorize(b);
    for (int i = 0; i < configured.size(); i++) {
      b.header(configured.name(i), configured.value(i));
    }
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b;
  }

  private void authorize(Request.Builder request) {
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
