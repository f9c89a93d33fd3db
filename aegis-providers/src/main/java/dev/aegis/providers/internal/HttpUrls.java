package dev.aegis.providers.internal;

import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * URL and media-type helpers shared by the HTTP adapters.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpUrls {
  private HttpUrls() {}

  /** The JSON media type of request bodies. */
  public static final MediaType JSON = MediaType.get("application/json");

  /**
   * The scheme, host and port of a URL ({@code https://api.openai.com:443}), with no path, user
   * or query: what an adapter reports as its {@code Provider.endpoint()} for {@code server.address}
   * and {@code server.port}.
   */
  public static URI origin(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? '[' + url.host() + ']' : url.host();
    return URI.create(url.scheme() + "://" + host + ':' + url.port());
  }

  /** Joins a base URL and a path relative to it ({@code https://host/v1} + {@code chat/completions}). */
  public static HttpUrl resolve(HttpUrl base, String path) {
    HttpUrl.Builder b = base.newBuilder();
    List<String> segments = base.pathSegments();
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      b.removePathSegment(segments.size() - 1);
    }
    return b.addPathSegments(path).build();
  }
}
