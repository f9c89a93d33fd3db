package dev.aegis.providers.internal;

import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.ProviderCall;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Starts an adapter's HTTP request with its headers, in order: the dialect's fixed headers (an API
 * version, {@code accept}), the instance's credential, the instance's configured headers, then the
 * target's headers (later ones replace earlier ones of the same name). The credential is read per
 * request, so a refreshing {@link CredentialProvider} (Entra tokens) takes effect without a
 * rebuild: an API key goes into {@code Authorization: Bearer} or, when the dialect names one, its
 * own header ({@code api-key} for Azure, {@code x-api-key} for Anthropic, {@code x-goog-api-key}
 * for Gemini); a bearer token always goes into {@code Authorization}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestHeaders {
  /**
   * The failure for a credential that is neither an API key nor a bearer token. The adapters
   * differ here on purpose: for the OpenAI-style ones it is a configuration mistake, the native
   * ones report it as the provider's own authentication error.
   *
   * <p>Implementations must be thread-safe.
   */
  @FunctionalInterface
  public interface Unsupported {
    RuntimeException failure(String provider, Credential credential);

    /** A {@link ConfigException} at {@code providers.<name>.credentials}. */
    Unsupported CONFIG_ERROR = (provider, c) -> ConfigException.of("providers." + provider + ".credentials",
        "needs an API key or a bearer token, not " + c.getClass().getSimpleName());

    /** A 401 {@code authentication_error} {@link ProviderException} naming {@code service}. */
    static Unsupported authenticationError(String service) {
      return (provider, c) -> ProviderException.of(new ProviderError(provider, 401, "authentication_error", null,
          null, service + " needs an API key or a bearer token, not " + c.getClass().getSimpleName(), null, null));
    }
  }

  private final String provider;
  private final @Nullable CredentialProvider credentials;
  private final @Nullable String apiKeyHeader;
  private final Headers configured;
  private final Unsupported unsupported;

  /**
   * Headers whose unsupported credentials are a {@link Unsupported#CONFIG_ERROR}.
   *
   * @param credentials the credentials, or {@code null} to send none
   * @param apiKeyHeader the header for API keys, or {@code null} for {@code Authorization: Bearer}
   * @param configured the instance's headers
   */
  public RequestHeaders(String provider, @Nullable CredentialProvider credentials, @Nullable String apiKeyHeader,
      Map<String, String> configured) {
    this(provider, credentials, apiKeyHeader, configured, Unsupported.CONFIG_ERROR);
  }

  /**
   * @param credentials the credentials, or {@code null} to send none
   * @param apiKeyHeader the header for API keys, or {@code null} for {@code Authorization: Bearer}
   * @param configured the instance's headers
   * @param unsupported the failure for a credential of another kind
   */
  public RequestHeaders(String provider, @Nullable CredentialProvider credentials, @Nullable String apiKeyHeader,
      Map<String, String> configured, Unsupported unsupported) {
    this.provider = provider;
    this.credentials = credentials;
    this.apiKeyHeader = apiKeyHeader;
    this.configured = Headers.of(configured);
    this.unsupported = unsupported;
  }

  /** A request to {@code url} carrying the credential, the instance's and the target's headers. */
  public Request.Builder newRequest(HttpUrl url, ProviderCall call) {
    return newRequest(url, call, Headers.EMPTY);
  }

  /**
   * A request to {@code url} carrying the dialect's headers, the credential, the instance's and the
   * target's headers; configured and target headers may replace the dialect's.
   */
  public Request.Builder newRequest(HttpUrl url, ProviderCall call, Headers dialect) {
    Request.Builder b = new Request.Builder().url(url);
    copy(dialect, b);
    if (credentials != null) {
      authorize(b, credentials.credential());
    }
    copy(configured, b);
    for (Map.Entry<String, String> h : call.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    return b;
  }

  /**
   * Puts an API key or bearer token on {@code request}, for adapters that read the credential
   * themselves because other kinds need more than a header (Bedrock signs AWS credentials).
   */
  public void authorize(Request.Builder request, Credential c) {
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
      throw unsupported.failure(provider, c);
    }
  }

  private static void copy(Headers headers, Request.Builder b) {
    for (int i = 0; i < headers.size(); i++) {
      b.header(headers.name(i), headers.value(i));
    }
  }
}
