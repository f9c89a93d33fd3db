package dev.aegis.api.guardrail;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import org.jspecify.annotations.Nullable;

/**
 * Counts (or estimates) tokens, so that guardrails and limits can measure text without reaching
 * into core. The gateway supplies an exact tokenizer for OpenAI-family models where it has one.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenEstimator {

  /** A rough estimator: one token per four characters, rounded up. */
  TokenEstimator CHARS_DIV_4 = (text, model) -> (text.length() + 3) / 4;

  /** Tokens in the text for the given upstream model (or a generic estimate when {@code null}). */
  int estimate(CharSequence text, @Nullable String model);

  /**
   * Tokens in a whole chat request: every message's text and tool calls plus a small per-message
   * overhead, and the tool definitions (they count against the context too).
   */
  default int estimate(ChatRequest request) {
    int total = 3;
    for (var tool : request.tools()) {
      total += 8 + estimate(tool.name(), request.model()) + estimate(tool.parameters(), request.model())
          + (tool.description() == null ? 0 : estimate(tool.description(), request.model()));
    }
    for (Message m : request.messages()) {
      total += 4 + estimate(m.text(), request.model());
      for (var call : m.toolCalls()) {
        total += estimate(call.arguments(), request.model()) + estimate(call.name(), request.model());
      }
    }
    return total;
  }
}
