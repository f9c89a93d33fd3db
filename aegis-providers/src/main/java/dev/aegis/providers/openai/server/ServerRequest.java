package dev.aegis.providers.openai.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the endpoint sees it, with its whole body already read (a binding reads it
 * without blocking, up to {@link OpenAiEndpoint#maxBodyBytes()}).
 *
 * <pre>{@code
 * endpoint.handle(ServerRequest.of("POST", "/v1/chat/completions",
 *     Map.of("authorization", "Bearer sk-demo"), body), response);
 * }</pre>
 *
 * <p>Implementations must be safe to read from any thread once handed to the endpoint.
 */
public interface ServerRequest {

  /** The method, upper case ({@code GET}, {@code POST}). */
  String method();

  /** The path below the endpoint's mount point, starting with {@code /}, without the query. */
  String path();

  /**
   * The raw query string, without the {@code ?} and still percent-encoded, or {@code null} when
   * the URL has none. Only the admin API reads it.
   */
  default @Nullable String query() {
    return null;
  }

  /** The first value of a header, looked up case-insensitively, or {@code null}. */
  @Nullable String header(String name);

  /** The names of the headers present, in any case. */
  List<String> headerNames();

  /** The body; empty when there is none. */
  byte[] body();

  /**
   * A request from plain values (tests, simple bindings); header names are matched
   * case-insensitively, and a {@code ?query} on {@code target} becomes {@link #query()}.
   */
  static ServerRequest of(String method, String target, Map<String, String> headers, byte[] body) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
    int q = target.indexOf('?');
    return of(method, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
        name -> lower.get(name.toLowerCase(Locale.ROOT)), List.copyOf(lower.keySet()), body.clone());
  }

  /**
   * A request over a binding's own header lookup, which must be case-insensitive; {@code body} is
   * used as is, not copied.
   */
  static ServerRequest of(String method, String path, Function<String, @Nullable String> headers,
      List<String> headerNames, byte[] body) {
    return of(method, path, null, headers, headerNames, body);
  }

  /** As {@link #of(String, String, Function, List, byte[])}, with the raw query string ({@code null}: none). */
  static ServerRequest of(String method, String path, @Nullable String query,
      Function<String, @Nullable String> headers, List<String> headerNames, byte[] body) {
    return new PlainServerRequest(method, path, query, headers, List.copyOf(headerNames), body);
  }
}

/** The {@link ServerRequest} of plain values. Immutable once built; thread-safe. */
// the body array is handed over by the binding, never shared back
record PlainServerRequest(String method, String path, @Nullable String query,
    Function<String, @Nullable String> headers, List<String> headerNames, byte[] body) implements ServerRequest {
  @Override
  public @Nullable String header(String name) {
    return headers.apply(name);
  }
}
