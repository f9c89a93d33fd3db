package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Token usage of one answer, the same on every adapter, whole or streamed.
 *
 * <p><b>The rule.</b> {@link #inputTokens()} counts <em>every</em> prompt token: uncached ones,
 * those read from the provider's prompt cache ({@link #cacheReadTokens()}) and those written to
 * it ({@link #cacheWriteTokens()}). The cached counts are parts of the input, reported apart, never
 * on top. {@link #cacheWriteTokens()} is in turn split by lifetime where the provider says so
 * (Anthropic): {@link #cacheWrite5mTokens()} + {@link #cacheWrite1hTokens()}; both are zero when the
 * split is not reported. {@link #outputTokens()} counts every generated token, reasoning included;
 * {@link #reasoningTokens()} is the reasoning part of it (Gemini: candidates + thoughts). So a
 * price table charges {@code input - cacheRead - cacheWrite} at the input rate, each cached class
 * at its own rate, and {@code output} at the output rate, without counting anything twice.
 * Adapters for providers that report the parts apart (Anthropic, Bedrock, Gemini) add them up.
 *
 * <pre>{@code
 * Usage u = Usage.builder().inputTokens(1110).cacheReadTokens(1000).cacheWriteTokens(100)
 *     .outputTokens(5).build();
 * int uncached = u.inputTokens() - u.cacheReadTokens() - u.cacheWriteTokens(); // 10
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Usage {
  /** No usage. */
  public static final Usage ZERO = new Builder().build();

  private final int inputTokens;
  private final int outputTokens;
  private final int cacheReadTokens;
  private final int cacheWriteTokens;
  private final int cacheWrite5mTokens;
  private final int cacheWrite1hTokens;
  private final int reasoningTokens;

  private Usage(Builder b) {
    inputTokens = Checks.nonNegative(b.inputTokens, "inputTokens");
    outputTokens = Checks.nonNegative(b.outputTokens, "outputTokens");
    cacheReadTokens = Checks.nonNegative(b.cacheReadTokens, "cacheReadTokens");
    cacheWriteTokens = Checks.nonNegative(b.cacheWriteTokens, "cacheWriteTokens");
    cacheWrite5mTokens = Checks.nonNegative(b.cacheWrite5mTokens, "cacheWrite5mTokens");
    cacheWrite1hTokens = Checks.nonNegative(b.cacheWrite1hTokens, "cacheWrite1hTokens");
    reasoningTokens = Checks.nonNegative(b.reasoningTokens, "reasoningTokens");
  }

  /** Usage with input and output tokens only. */
  public static Usage of(int inputTokens, int outputTokens) {
    return builder().inputTokens(inputTokens).outputTokens(outputTokens).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Prompt tokens, cache reads and writes included. */
  public int inputTokens() {
    return inputTokens;
  }

  /** Generated tokens, reasoning included. */
  public int outputTokens() {
    return outputTokens;
  }

  /** The input tokens served from the provider's prompt cache. */
  public int cacheReadTokens() {
    return cacheReadTokens;
  }

  /** The input tokens written to the provider's prompt cache, of any lifetime. */
  public int cacheWriteTokens() {
    return cacheWriteTokens;
  }

  /** The cache-write tokens stored for five minutes, when the provider reports the split; else 0. */
  public int cacheWrite5mTokens() {
    return cacheWrite5mTokens;
  }

  /** The cache-write tokens stored for one hour, when the provider reports the split; else 0. */
  public int cacheWrite1hTokens() {
    return cacheWrite1hTokens;
  }

  /** The output tokens spent on reasoning. */
  public int reasoningTokens() {
    return reasoningTokens;
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** The sum of two usages (for example across the attempts of a hedged call). */
  public Usage plus(Usage other) {
    return builder().inputTokens(inputTokens + other.inputTokens).outputTokens(outputTokens + other.outputTokens)
        .cacheReadTokens(cacheReadTokens + other.cacheReadTokens)
        .cacheWriteTokens(cacheWriteTokens + other.cacheWriteTokens)
        .cacheWrite5mTokens(cacheWrite5mTokens + other.cacheWrite5mTokens)
        .cacheWrite1hTokens(cacheWrite1hTokens + other.cacheWrite1hTokens)
        .reasoningTokens(reasoningTokens + other.reasoningTokens).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Usage)) return false;
    Usage u = (Usage) o;
    return inputTokens == u.inputTokens && outputTokens == u.outputTokens
        && cacheReadTokens == u.cacheReadTokens && cacheWriteTokens == u.cacheWriteTokens
        && cacheWrite5mTokens == u.cacheWrite5mTokens && cacheWrite1hTokens == u.cacheWrite1hTokens
        && reasoningTokens == u.reasoningTokens;
  }

  @Override
  public int hashCode() {
    int h = inputTokens;
    h = 31 * h + outputTokens;
    h = 31 * h + cacheReadTokens;
    h = 31 * h + cacheWriteTokens;
    h = 31 * h + cacheWrite5mTokens;
    h = 31 * h + cacheWrite1hTokens;
    return 31 * h + reasoningTokens;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Usage{input=").append(inputTokens).append(", output=").append(outputTokens);
    if (cacheReadTokens != 0) sb.append(", cacheRead=").append(cacheReadTokens);
    if (cacheWriteTokens != 0) sb.append(", cacheWrite=").append(cacheWriteTokens);
    if (cacheWrite5mTokens != 0) sb.append(", cacheWrite5m=").append(cacheWrite5mTokens);
    if (cacheWrite1hTokens != 0) sb.append(", cacheWrite1h=").append(cacheWrite1hTokens);
    if (reasoningTokens != 0) sb.append(", reasoning=").append(reasoningTokens);
    return sb.append('}').toString();
  }

  /** Builds a {@link Usage}; every count defaults to 0. Not thread-safe. */
  public static final class Builder {
    private int inputTokens;
    private int outputTokens;
    private int cacheReadTokens;
    private int cacheWriteTokens;
    private int cacheWrite5mTokens;
    private int cacheWrite1hTokens;
    private int reasoningTokens;

    private Builder() {}

    private Builder(Usage u) {
      inputTokens = u.inputTokens;
      outputTokens = u.outputTokens;
      cacheReadTokens = u.cacheReadTokens;
      cacheWriteTokens = u.cacheWriteTokens;
      cacheWrite5mTokens = u.cacheWrite5mTokens;
      cacheWrite1hTokens = u.cacheWrite1hTokens;
      reasoningTokens = u.reasoningTokens;
    }

    /** All prompt tokens, cache reads and writes included. */
    public Builder inputTokens(int tokens) {
      inputTokens = tokens;
      return this;
    }

    /** All generated tokens, reasoning included. */
    public Builder outputTokens(int tokens) {
      outputTokens = tokens;
      return this;
    }

    public Builder cacheReadTokens(int tokens) {
      cacheReadTokens = tokens;
      return this;
    }

    public Builder cacheWriteTokens(int tokens) {
      cacheWriteTokens = tokens;
      return this;
    }

    public Builder cacheWrite5mTokens(int tokens) {
      cacheWrite5mTokens = tokens;
      return this;
    }

    public Builder cacheWrite1hTokens(int tokens) {
      cacheWrite1hTokens = tokens;
      return this;
    }

    public Builder reasoningTokens(int tokens) {
      reasoningTokens = tokens;
      return this;
    }

    public Usage build() {
      return new Usage(this);
    }
  }
}
