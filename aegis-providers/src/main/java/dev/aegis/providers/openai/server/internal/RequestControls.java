package dev.aegis.providers.openai.server.internal;

import dev.aegis.api.CacheControl;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.providers.openai.server.ServerRequest;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the request controls from HTTP headers into {@link RequestOptions}: the key
 * ({@code Authorization: Bearer <key>} or {@code X-API-Key}) as the credential, the timeout
 * ({@code x-aegis-timeout-ms}), cache control ({@code Cache-Control: no-cache / no-store}, and
 * {@code x-aegis-cache: default | no-cache | no-store | bypass}, which wins), metadata
 * ({@code x-aegis-metadata-<name>: <value>}), the inbound W3C {@code traceparent} (kept as the
 * metadata entry {@value #TRACEPARENT} for the tracing plugin), and the request id.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestControls {
  public static final String REQUEST_ID = "x-request-id";
  public static final String TIMEOUT_MS = "x-aegis-timeout-ms";
  public static final String CACHE = "x-aegis-cache";
  public static final String METADATA_PREFIX = "x-aegis-metadata-";
  public static final String TRACEPARENT = "traceparent";
  private static final int MAX_METADATA_VALUE = 512;

  private RequestControls() {}

  /** The options of one request; {@code requestId} is the one {@link #requestId} chose. */
  public static RequestOptions options(ServerRequest request, String requestId) {
    RequestOptions.Builder b = RequestOptions.builder().requestId(requestId).credential(credential(request));
    String timeout = request.header(TIMEOUT_MS);
    if (timeout != null) b.timeout(timeout(timeout.trim()));
    b.cacheControl(cacheControl(request));
    for (String name : request.headerNames()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith(METADATA_PREFIX) && lower.length() > METADATA_PREFIX.length()) {
        String value = request.header(name);
        if (value == null) continue;
        if (value.length() > MAX_METADATA_VALUE) {
          throw new InvalidRequestException("header '" + lower + "' is longer than " + MAX_METADATA_VALUE
              + " characters", lower);
        }
        b.metadata(lower.substring(METADATA_PREFIX.length()), value);
      }
    }
    String traceparent = request.header(TRACEPARENT);
    if (traceparent != null && validTraceparent(traceparent.trim())) b.metadata(TRACEPARENT, traceparent.trim());
    return b.build();
  }

  /** The caller's {@code x-request-id} when it is a plain token of at most 128 characters, else {@code fallback}. */
  public static String requestId(ServerRequest request, String fallback) {
    String id = request.header(REQUEST_ID);
    if (id == null || id.isEmpty() || id.length() > 128) return fallback;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
          || c == '.' || c == ':')) {
        return fallback;
      }
    }
    return id;
  }

  static @Nullable String credential(ServerRequest request) {
    String auth = request.header("authorization");
    if (auth != null && !auth.isBlank()) {
      String value = auth.trim();
      if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return value.substring(7).trim();
      }
      throw new AuthenticationException("the Authorization header must be 'Bearer <key>'");
    }
    String key = request.header("x-api-key");
    return key == null || key.isBlank() ? null : key.trim();
  }

  private static Duration timeout(String value) {
    long ms;
    try {
      ms = Long.parseLong(value);
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms <= 0) {
      throw new InvalidRequestException("header '" + TIMEOUT_MS + "' must be a positive number of milliseconds but was '"
          + value + "'", TIMEOUT_MS);
    }
    return Duration.ofMillis(ms);
  }

  static CacheControl cacheControl(ServerRequest request) {
    String aegis = request.header(CACHE);
    if (aegis != null) {
      switch (aegis.trim().toLowerCase(Locale.ROOT)) {
        case "default": return CacheControl.DEFAULT;
        case "no-cache": return CacheControl.NO_CACHE;
        case "no-store": return CacheControl.NO_STORE;
        case "bypass": return CacheControl.BYPASS;
        default:
          throw new InvalidRequestException("header '" + CACHE + "' must be default, no-cache, no-store or bypass but was '"
              + aegis.trim() + "'", CACHE);
      }
    }
    String http = request.header("cache-control");
    if (http == null) return CacheControl.DEFAULT;
    boolean noCache = false;
    boolean noStore = false;
    for (String directive : http.split(",")) {
      String d = directive.trim().toLowerCase(Locale.ROOT);
      noCache |= d.equals("no-cache");
      noStore |= d.equals("no-store");
    }
    if (noCache && noStore) return CacheControl.BYPASS;
    return noCache ? CacheControl.NO_CACHE : noStore ? CacheControl.NO_STORE : CacheControl.DEFAULT;
  }

  /** {@code version-traceid-spanid-flags}: 2, 32, 16 and 2 lower-case hex digits. */
  static boolean validTraceparent(String v) {
    if (v.length() != 55 || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') return false;
    for (int i = 0; i < v.length(); i++) {
      if (i == 2 || i == 35 || i == 52) continue;
      char c = v.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
    }
    return true;
  }
}
