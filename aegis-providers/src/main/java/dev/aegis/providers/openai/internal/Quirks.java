package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ResponseMetadata;
import org.jspecify.annotations.Nullable;

/**
 * How one Chat Completions dialect differs from OpenAI's: the hook through which presets (Mistral,
 * Groq, Azure, ...) adjust requests and read responses. Every method has the OpenAI behaviour as
 * its default, so a dialect overrides only what was observed in its recorded traffic.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface Quirks {

  /** OpenAI's own dialect. */
  Quirks OPENAI = new Quirks() {
    @Override
    public String maxTokensField() {
      return "max_completion_tokens";
    }
  };

  /** The common dialect of OpenAI-compatible servers: {@code max_tokens}, usage requested in streams. */
  Quirks COMPATIBLE = new Quirks() {};

  /** The body field that carries {@link ChatRequest#maxTokens()}. */
  default String maxTokensField() {
    return "max_tokens";
  }

  /** Whether streams ask for a final usage chunk with {@code stream_options.include_usage}. */
  default boolean streamUsageOption() {
    return true;
  }

  /** The usage object of a response or stream chunk, or {@code null} when it carries none. */
  default @Nullable JsonNode usage(JsonNode root) {
    JsonNode u = root.get("usage");
    return u != null && u.isObject() ? u : null;
  }

  /** Last adjustment of an encoded request body (after extras and target params were merged). */
  default void request(ObjectNode body, ChatRequest request) {}

  /** Adds what a non-streamed response says beyond the normalized fields (e.g. filter results). */
  default void response(JsonNode root, ResponseMetadata.Builder metadata) {}
}
