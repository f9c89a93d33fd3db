package dev.aegis.guardrails.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordDetectorTest {
  private final KeywordDetector detector = KeywordDetector.builder()
      .type("codename").addAll(List.of("Project Falcon", "nightjar", "he", "hers")).build();

  private static List<String> matches(KeywordDetector d, String text) {
    return d.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  @Test
  void matchesCaseInsensitivelyWithOriginalOffsets() {
    String text = "About PROJECT   falcon and NightJar.";
    assertThat(matches(detector, text)).containsExactly("PROJECT   falcon", "NightJar");
    assertThat(detector.scan(text)).extracting(Finding::type).containsOnly("CODENAME");
  }

  @Test
  void defeatsFullWidthZeroWidthAndExoticSpaces() {
    String text = "ｐｒｏｊｅｃｔ\u2003fal\u200Bcon";
    assertThat(matches(detector, text)).containsExactly(text);
    assertThat(matches(detector, "project\u00A0\u00A0falcon")).hasSize(1);
  }

  @Test
  void wholeWordByDefaultSubstringOnRequest() {
    assertThat(matches(detector, "the other nightjars")).isEmpty();
    KeywordDetector loose = KeywordDetector.builder().addAll(List.of("he", "hers", "she")).wholeWord(false).build();
    // overlapping keywords all reported (Aho-Corasick output links)
    assertThat(matches(loose, "ushers")).containsExactlyInAnyOrder("she", "he", "hers");
  }

  @Test
  void manyKeywordsOnePass() {
    KeywordDetector.Builder b = KeywordDetector.builder();
    for (int i = 0; i < 5000; i++) {
      b.add("word" + i);
    }
    KeywordDetector big = b.build();
    assertThat(big.size()).isEqualTo(5000);
    assertThat(matches(big, "x word4999 word5000 word12")).containsExactly("word4999", "word12");
  }

  @Test
  void emptyListIsAConfigError() {
    assertThatThrownBy(() -> KeywordDetector.builder().name("k").build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("guardrails.rules.k.keywords");
    assertThat(detector.toString()).doesNotContain("falcon");
  }
}
