package dev.aegis.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ASCII fast path normalises and maps offsets exactly like the general path. */
class NormalizedTextTest {
  private static final String[] FRAGMENTS = {"a", "B", "  ", " ", "\n", "\t\r\n", "x y", "Project", "X", "1", "-"};

  @Test
  void asciiFastPathMatchesTheGeneralPath() {
    Random random = new Random(3L);
    for (int round = 0; round < 2000; round++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(20);
      for (int i = 0; i < parts; i++) {
        sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String ascii = sb.toString();
      NormalizedText fast = NormalizedText.of(ascii);
      // a trailing non-ASCII letter sends the whole text through the general path
      NormalizedText general = NormalizedText.of(ascii + "é");
      String text = fast.text();
      assertThat(general.text()).isEqualTo(text + "é");
      for (int i = 0; i < text.length(); i++) {
        assertThat(fast.originalStart(i)).as(ascii).isEqualTo(general.originalStart(i));
        assertThat(fast.originalEnd(i + 1)).as(ascii).isEqualTo(general.originalEnd(i + 1));
      }
    }
  }
}
