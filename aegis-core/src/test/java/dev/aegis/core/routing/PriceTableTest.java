package dev.aegis.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.error.ConfigException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped price table: every entry sourced and dated, lookups, overrides, unknown models unpriced. */
class PriceTableTest {

  @Test
  void everyEntryNamesThePageItWasReadFromAndTheDate() {
    List<PriceFile.Entry> entries = PriceFile.read();
    assertThat(entries).hasSizeGreaterThanOrEqualTo(40);
    for (PriceFile.Entry e : entries) {
      PriceTable.Price p = e.price();
      assertThat(p.source()).as("source of line %d (%s/%s)", e.line(), e.providerType(), e.model())
          .isNotNull().matches("https://\\S+( https://\\S+)*");
      assertThat(p.readOn()).as("read date of line %d", e.line())
          .isNotNull().isBetween(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"));
    }
  }

  @Test
  void theTableCoversEveryProviderFamilyOnce() {
    List<PriceFile.Entry> entries = PriceFile.read();
    assertThat(entries.stream().map(PriceFile.Entry::providerType).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("openai", "anthropic", "gemini", "mistral", "groq", "deepseek", "xai", "bedrock");
    Set<String> seen = new HashSet<>();
    for (PriceFile.Entry e : entries) {
      assertThat(seen.add(e.providerType() + "/" + e.model())).as("duplicate %s/%s", e.providerType(), e.model())
          .isTrue();
    }
  }

  @Test
  void aLineWithoutSourceOrDateIsRejected() {
    String noDate = "openai\tgpt-x\t1\t2\t-\t-\t-\t-\t-\thttps://example.test/pricing\n";
    assertThatThrownBy(() -> PriceFile.parse(new BufferedReader(new StringReader(noDate))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            new ConfigException.Problem("prices.tsv:1", "expected 11 tab-separated columns but found 10")));
    String badDate = "openai\tgpt-x\t1\t2\t-\t-\t-\t-\t-\thttps://example.test/pricing\tyesterday\n";
    assertThatThrownBy(() -> PriceFile.parse(new BufferedReader(new StringReader(badDate))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            new ConfigException.Problem("prices.tsv:1", "not a price line: a number or date does not parse")));
  }

  @Test
  void lookupsIgnoreDateVersionAndRegionSuffixes() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.price("openai", "gpt-4o-mini").inputPerMillion()).isEqualByComparingTo("0.15");
    assertThat(t.price("openai", "gpt-4.1-nano-2025-04-14").outputPerMillion()).isEqualByComparingTo("0.40");
    assertThat(t.price("anthropic", "claude-haiku-4-5-20251001").cacheWrite1hRate()).isEqualByComparingTo("2");
    assertThat(t.price("bedrock", "us.anthropic.claude-sonnet-4-6-v1:0").cacheWrite5mRate())
        .isEqualByComparingTo("3.75");
    assertThat(t.price("deepseek", "deepseek-chat").contextWindow()).isEqualTo(64_000);
  }

  @Test
  void anUnknownModelIsUnpricedNeverGuessed() {
    PriceTable t = PriceTable.builtIn();
    assertThat(t.price("openai", "gpt-unknown")).isNull();
    assertThat(t.price("xai", "grok-3-mini")).isNull();
    assertThat(t.price("mock", "gpt-4o")).isNull(); // a price belongs to its provider type
  }

  @Test
  void codeCanOverrideAndExtendTheTable() {
    PriceTable t = PriceTable.of(Map.of(
        "openai/gpt-4o", PriceTable.Price.of("1.00", "2.00"),
        "vllm/llama-local", PriceTable.Price.of("0", "0"))).orElse(PriceTable.builtIn());
    assertThat(t.price("openai", "gpt-4o").inputPerMillion()).isEqualByComparingTo("1.00");
    assertThat(t.price("openai", "gpt-4o-mini").inputPerMillion()).isEqualByComparingTo("0.15");
    assertThat(t.price("vllm", "llama-local").blended()).isEqualByComparingTo(BigDecimal.ZERO);
  }
}
