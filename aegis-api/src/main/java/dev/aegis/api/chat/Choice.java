package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One generated answer.
 *
 * @param index the choice index (0 unless {@code n > 1} was requested)
 * @param message the assistant message: content, tool calls, refusal, reasoning
 * @param finishReason why generation stopped, or {@code null} if the provider did not say
 * @param logprobs per-token log probabilities when requested, never null
 *     <p>Immutable and thread-safe.
 */
public record Choice(int index, Message message, @Nullable FinishReason finishReason, List<TokenLogprob> logprobs) {
  public Choice {
    Checks.nonNegative(index, "index");
    Checks.notNull(message, "message");
    logprobs = Checks.copyOf(logprobs, "logprobs");
  }

  public static Choice of(int index, Message message, @Nullable FinishReason finishReason) {
    return new Choice(index, message, finishReason, List.of());
  }
}
