package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.Usage;
import dev.aegis.core.internal.usage.Costs;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The cost of a recorded usage per provider family, worked out by hand from the built-in prices.
 * The usage figures are those of the fixtures in ../shared/fixtures named in each test, normalised
 * as the adapters normalise them ({@code inputTokens} includes cached tokens, {@code outputTokens}
 * includes reasoning).
 */
class CostTest {
  private static final PriceTable PRICES = PriceTable.builtIn();

  private static BigDecimal cost(String type, String model, Usage usage) {
    return Costs.of(usage, PRICES.price(type, model));
  }

  @Test
  void openAi() {
    // openai/openai-text.json: gpt-4.1-nano, 16 prompt, 363 completion, nothing cached
    // 16 x 0.10 + 363 x 0.40 = 1.6 + 145.2 = 146.8 micro-dollars
    assertThat(cost("openai", "gpt-4.1-nano-2025-04-14", Usage.of(16, 363))).isEqualByComparingTo("0.0001468");
  }

  @Test
  void anthropic() {
    // anthropic/anthropic-json-tool.1.json: claude-haiku-4-5, 1151 input, 87 output, no cache
    // 1151 x 1 + 87 x 5 = 1586 micro-dollars
    assertThat(cost("anthropic", "claude-haiku-4-5-20251001", Usage.of(1151, 87))).isEqualByComparingTo("0.001586");
  }

  @Test
  void anthropicCacheReadsAndWritesAreEachChargedOnceAtTheirOwnRate() {
    // constructed: 3000 input of which 2000 read from and 500 written to the cache, 100 output
    // uncached 500 x 1 + read 2000 x 0.10 + write 500 x 1.25 + output 100 x 5 = 500 + 200 + 625 + 500
    assertThat(cost("anthropic", "claude-haiku-4-5", usage(3000, 100, 2000, 500, 0)))
        .isEqualByComparingTo("0.001825");
  }

  @Test
  void anthropicOneHourCacheWritesAreChargedAtTheOneHourRate() {
    // constructed: 3000 input, 2000 read, 500 written of which 300 for one hour and 200 for five
    // minutes, 100 output: uncached 500 x 1 + read 2000 x 0.10 + 200 x 1.25 + 300 x 2 + 100 x 5
    // = 500 + 200 + 250 + 600 + 500 = 2050 micro-dollars
    Usage split = Usage.builder().inputTokens(3000).outputTokens(100).cacheReadTokens(2000)
        .cacheWriteTokens(500).cacheWrite5mTokens(200).cacheWrite1hTokens(300).build();
    assertThat(cost("anthropic", "claude-haiku-4-5", split)).isEqualByComparingTo("0.00205");
  }

  @Test
  void gemini() {
    // google/google-reasoning.json (gemini-3-pro-preview): 9 prompt, 29 candidates + 282 thoughts
    // 9 x 2.00 + 29 x 12.00 + 282 x 12.00 (reasoning at the output rate) = 18 + 348 + 3384 = 3750
    assertThat(cost("gemini", "gemini-3-pro-preview", usage(9, 311, 0, 0, 282))).isEqualByComparingTo("0.00375");
  }

  @Test
  void deepSeek() {
    // openai-compatible/deepseek-tool-call.json (deepseek-reasoner): 339 prompt, 320 cache hits, 92 completion
    // of which 48 reasoning: 19 x 0.55 + 320 x 0.14 + 92 x 2.19 = 10.45 + 44.8 + 201.48 = 256.73
    assertThat(cost("deepseek", "deepseek-reasoner", usage(339, 92, 320, 0, 48))).isEqualByComparingTo("0.00025673");
  }

  @Test
  void mistral() {
    // mistral/mistral-text.json (mistral-small-latest): 13 prompt, 434 completion
    // 13 x 0.10 + 434 x 0.30 = 1.3 + 130.2 = 131.5
    assertThat(cost("mistral", "mistral-small-latest", Usage.of(13, 434))).isEqualByComparingTo("0.0001315");
  }

  @Test
  void groq() {
    // groq/groq-text.json (llama-3.3-70b-versatile): 45 prompt, 607 completion
    // 45 x 0.59 + 607 x 0.79 = 26.55 + 479.53 = 506.08
    assertThat(cost("groq", "llama-3.3-70b-versatile", Usage.of(45, 607))).isEqualByComparingTo("0.00050608");
  }

  @Test
  void xAi() {
    // openai-compatible/xai-tool-call.json: grok-3-mini, 307 prompt (244 cached), 26 completion + 255 reasoning.
    // grok-3-mini has no price in the table: unpriced. Priced as grok-4.5 (2.00 / 0.50 cached / 6.00):
    // 63 x 2 + 244 x 0.5 + 26 x 6 + 255 x 6 = 126 + 122 + 156 + 1530 = 1934
    assertThat(PRICES.price("xai", "grok-3-mini")).isNull();
    assertThat(cost("xai", "grok-4.5", usage(307, 281, 244, 0, 255))).isEqualByComparingTo("0.001934");
  }

  @Test
  void bedrock() {
    // amazon-bedrock/amazon-bedrock-reasoning.json: 51 input, 78 output, priced as Claude Sonnet 4.6 on Bedrock
    // 51 x 3 + 78 x 15 = 153 + 1170 = 1323
    assertThat(cost("bedrock", "us.anthropic.claude-sonnet-4-6-v1:0", Usage.of(51, 78))).isEqualByComparingTo("0.001323");
  }

  @Test
  void theWorstCaseEstimateIsPromptAtInputPlusMaxTokensAtOutput() {
    // gpt-4o: 1000 x 2.50 + 500 x 10.00 = 7500 micro-dollars
    assertThat(Costs.estimate(1000, 500, PRICES.price("openai", "gpt-4o"))).isEqualByComparingTo("0.0075");
  }

  /** The old positional order: input, output, cache-read, cache-write (5-minute), reasoning. */
  private static Usage usage(int input, int output, int cacheRead, int cacheWrite, int reasoning) {
    return Usage.builder().inputTokens(input).outputTokens(output).cacheReadTokens(cacheRead)
        .cacheWriteTokens(cacheWrite).reasoningTokens(reasoning).build();
  }
}
