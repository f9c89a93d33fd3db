package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One generated answer.
 *
 * @param index the choice index (0 unless {@code n > 1} was requested)
 * @param message the assistant message: content, tool calls, refusal, reasoning
 * @param finishReason why generation stopped, or {@code null} if the provider did not say
 * @param logprobs per-token log probabilities when requested, never null
 * @param extras provider data about this choice that the normalized form does not model
 *     (Azure's {@code content_filter_results}, OpenAI's {@code message.annotations}), as
 *     JSON-compatible values; message fields are keyed {@code message.<name>}; never null
 *     <p>Immutable and thread-safe.
 */
public record Choice(int index, Message message, @Nullable FinishReason finishReason, List<TokenLogprob> logprobs,
    Map<String, @Nullable Object> extras) {
  public Choice {
    Checks.nonNegative(index, "index");
    Checks.notNull(message, "message");
    logprobs = Checks.copyOf(logprobs, "logprobs");
    extras = Checks.copyOf(extras, "extras", true);
  }

  public Choice(int index, Message message, @Nullable FinishReason finishReason, List<TokenLogprob> logprobs) {
    this(index, message, finishReason, logprobs, Map.of());
  }

  public static Choice of(int index, Message message, @Nullable FinishReason finishReason) {
    return new Choice(index, message, finishReason, List.of(), Map.of());
  }
}
