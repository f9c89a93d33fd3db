package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.error.ProviderError;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The error decoder of the Chat Completions family: {@code {"error":{message,type,code,param}}}
 * as OpenAI, Groq, Mistral and the compatible servers send it, plus Azure's content-filter
 * details ({@code innererror.content_filter_result}), whose filtered categories are appended to
 * the message. Classification into exception types is {@link dev.aegis.api.error.ProviderException#of}'s.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static final ErrorDecoder DECODER = (provider, status, headers, body, retryAfter, requestId) -> {
    JsonNode root = null;
    if (body.length > 0) {
      try {
        root = Json.read(body);
      } catch (IOException malformed) {
        root = null;
      }
    }
    ProviderError e = ErrorDecoder.generic(provider, status, root, body, retryAfter, requestId);
    List<String> filtered = root == null ? List.of() : filteredCategories(root.path("error").path("innererror"));
    if (filtered.isEmpty()) {
      return e;
    }
    return new ProviderError(e.provider(), e.status(), e.type(), e.code(), e.param(),
        e.message() + " [filtered: " + String.join(", ", filtered) + ']', e.retryAfter(), e.requestId());
  };

  /** The categories marked {@code filtered: true} in Azure content-filter results (singular or plural key). */
  public static List<String> filteredCategories(@Nullable JsonNode holder) {
    if (holder == null) return List.of();
    JsonNode results = holder.get("content_filter_result");
    if (results == null) results = holder.get("content_filter_results");
    if (results == null || !results.isObject()) return List.of();
    List<String> out = new ArrayList<>(2);
    results.fields().forEachRemaining(e -> {
      if (e.getValue().path("filtered").asBoolean(false)) out.add(e.getKey());
    });
    return out;
  }
}
