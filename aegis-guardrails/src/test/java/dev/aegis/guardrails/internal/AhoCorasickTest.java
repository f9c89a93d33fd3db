package dev.aegis.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton's byte search (with its skip over chars that leave the root in place) reports
 * exactly the occurrences its char search reports, which are every occurrence of every keyword,
 * overlaps included, in order of end position.
 */
class AhoCorasickTest {
  private static final List<String> KEYWORDS = List.of("he", "she", "his", "hers", "forbiddenterm1",
      "forbiddenterm12", "rm1", "x", "ab ab");
  private static final String[] FRAGMENTS = {"he", "she", "h", "s", "r", "is", "forbiddenterm", "1", "2", "x",
      "ab", " ", "  ", "for", "q", "ab ab ab"};

  private static List<String> bytes(AhoCorasick ac, String text) {
    List<String> found = new ArrayList<>();
    byte[] b = (text + "zz").getBytes(StandardCharsets.US_ASCII);
    ac.search(b, text.length(), (k, start, end) -> found.add(k + "@" + start + "-" + end));
    return found;
  }

  private static List<String> chars(AhoCorasick ac, String text) {
    List<String> found = new ArrayList<>();
    ac.search(text, (k, start, end) -> found.add(k + "@" + start + "-" + end));
    return found;
  }

  /** Every occurrence by brute force, by end, then longest first (as the automaton reports them). */
  private static List<String> naive(String text) {
    List<String> found = new ArrayList<>();
    for (int end = 1; end <= text.length(); end++) {
      List<String> here = new ArrayList<>();
      for (int k = 0; k < KEYWORDS.size(); k++) {
        String w = KEYWORDS.get(k);
        if (end >= w.length() && text.startsWith(w, end - w.length())) {
          here.add(k + "@" + (end - w.length()) + "-" + end);
        }
      }
      // the automaton reports the longest keyword ending here first, then its dictionary suffixes
      here.sort((a, b) -> Integer.compare(start(a), start(b)));
      found.addAll(here);
    }
    return found;
  }

  private static int start(String hit) {
    return Integer.parseInt(hit.substring(hit.indexOf('@') + 1, hit.indexOf('-')));
  }

  @Test
  void byteSearchFindsWhatCharSearchAndBruteForceFind() {
    AhoCorasick ac = new AhoCorasick(KEYWORDS);
    assertThat(bytes(ac, "ushers and forbiddenterm12 x")).containsExactly(
        "1@1-4", "0@2-4", "3@2-6", "4@11-25", "6@22-25", "5@11-26", "7@27-28");
    Random random = new Random(20261202L);
    for (int round = 0; round < 2000; round++) {
      StringBuilder sb = new StringBuilder();
      int parts = random.nextInt(30);
      for (int i = 0; i < parts; i++) {
        sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String text = sb.toString();
      assertThat(bytes(ac, text)).as(text).isEqualTo(chars(ac, text)).isEqualTo(naive(text));
    }
  }

  @Test
  void aHandlerThatStopsEndsTheByteSearch() {
    AhoCorasick ac = new AhoCorasick(KEYWORDS);
    List<Integer> ends = new ArrayList<>();
    ac.search("x she x".getBytes(StandardCharsets.US_ASCII), 7, (k, start, end) -> {
      ends.add(end);
      return ends.size() < 2;
    });
    assertThat(ends).containsExactly(1, 5);
  }
}
