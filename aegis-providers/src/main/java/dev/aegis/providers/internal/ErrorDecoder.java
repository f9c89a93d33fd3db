package dev.aegis.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.error.ProviderError;
import java.time.Duration;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Turns a provider's error answer (status, headers, body) into a {@link ProviderError}. Each
 * wire format has its own; {@link #GENERIC} understands the common shapes:
 * {@code {"error":{"message","type","code","param"}}}, {@code {"error":"..."}},
 * {@code {"message":"..."}}.
 */
@FunctionalInterface
public interface ErrorDecoder {

  ProviderError decode(String provider, int status, Headers headers, byte[] body,
      @Nullable Duration retryAfter, @Nullable String requestId);

  ErrorDecoder GENERIC = (provider, status, headers, body, retryAfter, requestId) -> {
    JsonNode root = Json.tryRead(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    return generic(provider, status, root, body, retryAfter, requestId);
  };

  /** Decodes the common error shapes from an already parsed body (root may be null). */
  static ProviderError generic(String provider, int status, @Nullable JsonNode root, byte[] body,
      @Nullable Duration retryAfter, @Nullable String requestId) {
    String type = null;
    String code = null;
    String param = null;
    String message = null;
    if (root != null) {
      JsonNode err = root.get("error");
      if (err != null && err.isObject()) {
        message = Json.text(err, "message");
        type = Json.text(err, "type");
        code = Json.text(err, "code");
        param = Json.text(err, "param");
        if (type == null) {
          type = Json.text(err, "status");
        }
      } else if (err != null && err.isTextual()) {
        message = err.asText();
      }
      if (message == null) {
        message = Json.text(root, "message");
      }
    }
    if (message == null) {
      String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
      message = raw.isEmpty() ? "HTTP " + status : raw.length() > 500 ? raw.substring(0, 500) + "..." : raw;
    }
    return new ProviderError(provider, status, type, code, param, message, retryAfter, requestId);
  }
}
