package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;

/**
 * Token usage of one answer.
 *
 * <p>{@code inputTokens} <b>includes</b> cached tokens: {@code cacheReadTokens} and
 * {@code cacheWriteTokens} say how many of the input tokens were read from or written to the
 * provider's prompt cache, they are not added on top. Likewise {@code outputTokens} includes
 * {@code reasoningTokens}. Adapters for providers that report these separately (Anthropic) add
 * them up so the totals are comparable across providers.
 *
 * @param inputTokens prompt tokens, cached ones included
 * @param outputTokens completion tokens, reasoning included
 * @param cacheReadTokens input tokens served from the provider's prompt cache
 * @param cacheWriteTokens input tokens written to the provider's prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 *     <p>Immutable and thread-safe.
 */
public record Usage(int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens, int reasoningTokens) {
  /** No usage. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public Usage {
    Checks.nonNegative(inputTokens, "inputTokens");
    Checks.nonNegative(outputTokens, "outputTokens");
    Checks.nonNegative(cacheReadTokens, "cacheReadTokens");
    Checks.nonNegative(cacheWriteTokens, "cacheWriteTokens");
    Checks.nonNegative(reasoningTokens, "reasoningTokens");
  }

  /** Usage with input and output tokens only. */
  public static Usage of(int inputTokens, int outputTokens) {
    return new Usage(inputTokens, outputTokens, 0, 0, 0);
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** The sum of two usages (for example across the attempts of a hedged call). */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens,
        reasoningTokens + other.reasoningTokens);
  }
}
