package dev.aegis.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.guardrail.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prefiltered scan of every built-in pattern finds exactly what a plain {@code find()} loop
 * over the whole text finds: same types, offsets and order, on the labelled corpus, on
 * hand-picked cases a naive prefilter would get wrong, and on random text made of the fragments
 * the patterns care about.
 */
class PrefilterEquivalenceTest {
  private static final List<PatternDetector> ALL = List.of(Builtins.EMAIL_DETECTOR, Builtins.PHONE_DETECTOR,
      Builtins.SSN_DETECTOR, Builtins.CA_SIN_DETECTOR, Builtins.CARD_DETECTOR, Builtins.IBAN_DETECTOR,
      Builtins.IPV4_DETECTOR, Builtins.IPV6_DETECTOR, Builtins.AWS_DETECTOR, Builtins.OPENAI_DETECTOR,
      Builtins.ANTHROPIC_DETECTOR, Builtins.GITHUB_DETECTOR, Builtins.SLACK_DETECTOR, Builtins.GOOGLE_DETECTOR,
      Builtins.JWT_DETECTOR, Builtins.PRIVATE_KEY_DETECTOR, Builtins.BEARER_DETECTOR);

  private static final String[] FRAGMENTS = {
      " ", " ", "  ", "\n", "\t", ".", ",", "-", "+", "(", ")", ":", "::", "@", "/", "//", "_", "=", "'", "\"",
      "a", "b", "Z", "e", "x", "0", "1", "4", "9", "12", "415", "555", "2671", "4111", "1111", "378282246310005",
      "046 454 286", "536-90-4399", "SSN ", "SIN ", "social insurance ", "jane.doe", "+x", "example.com", "ex.io",
      "icon@2x.png", "https://", "GB82", "WEST", "1234", "5698", "7654", "32", "DE89", "10.0.0.1", "255.", "300.",
      "2001", "db8", "fe80", "dead", "::1", "1.2.3.4", "AKIA", "IOSFODNN7EXAMPLE", "ASIA", "ACCA", "sk-", "sk-ant-",
      "proj-", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJ", "ghp_", "gho_", "github_pat_", "gh", "g", "xoxb-",
      "xox", "AIza", "SyA1234567890abcdefghijklmnopqrstuv", "eyJ", "eyJhbGciOiJIUzI1NiJ9", "-----BEGIN ",
      "PRIVATE KEY-----", "-----END PRIVATE KEY-----", "RSA ", "MIIE", "Bearer ", "bearer", "BEARER", "BeArEr",
      "beare", "abcdef1234567890abcdef", "co", "x1", "a.b", "-x", ".5", ",5", "Ｐ", "é", "\u200B", "é"};

  private static List<Finding> reference(PatternDetector d, String text) {
    return d.scanAll(text);
  }

  private static void assertSame(String text) {
    for (PatternDetector d : ALL) {
      assertThat(d.scan(text)).as(d + " on <" + text + ">").isEqualTo(reference(d, text));
    }
  }

  @Test
  void sameFindingsOnTheCorpus() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/corpus/detectors.tsv")) {
      String corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder all = new StringBuilder();
      for (String line : corpus.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String text = line.substring(line.indexOf('\t', line.indexOf('\t') + 1) + 1)
            .replace("\\n", "\n").replace("\\t", "\t");
        assertSame(text);
        all.append(text).append(' ');
      }
      assertSame(all.toString());
    }
  }

  @Test
  void sameFindingsWhereANaivePrefilterWouldMiss() {
    List<String> cases = List.of(
        // the match starts well before its trigger character, or the trigger is not its first char
        "github_pat_11ABCDEFG0123456789abcd_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456",
        "mail a.b.c.d.e@example.com and x@y.io@z.com and a@b.cc.d@e.com",
        "fe80::1 and 1::2 and ::ffff:10.0.0.1 and abcd:ef01:2345:6789:abcd:ef01:2345:6789",
        "12 4111 1111 1111 1111 then 4111 1111 1111 1111 12 then 1-415-555-2671 and +1 (415) 555-2671",
        "BEARER abcdef1234567890abcdef and bEaReR xyz1234567890abcdefg and bbearer abcdef1234567890abcdef",
        "SSN:536904399 SIN046454286 SSN 536 90 4399",
        // phone, SSN and SIN prefilters go by the length of digit runs: every shape the patterns allow
        "1-415-555-2671 1 415 555 2671 (415)555-2671 (415) 555 2671 415.555.2671 415555-2671 4155552671 +442071838750",
        "SSN 536904399 536-90-4399 536 90 4399 536-90 4399 5369-0-4399 SIN 046 454 286 046-454-286 046454286 0464542860",
        // a rejected candidate consumes its text, exactly as find() goes on after a match
        "4111111111111112 4111111111111111",
        // every secret literal the shared pass looks for, and literals cut by the end of the text
        "AKIAIOSFODNN7EXAMPLE ASIAIOSFODNN7EXAMPLE ABIAIOSFODNN7EXAMPLE ACCAIOSFODNN7EXAMPLE ACIAIOSFODNN7EXAMPLE",
        "gho_abcdefghijklmnopqrstuvwxyz0123456789 ghu_abcdefghijklmnopqrstuvwxyz0123456789 "
            + "ghs_abcdefghijklmnopqrstuvwxyz0123456789 ghr_abcdefghijklmnopqrstuvwxyz0123456789 "
            + "ghx_abcdefghijklmnopqrstuvwxyz0123456789",
        "xoxb-1234567890-abc xoxp-1234567890-abc AIzaSyA1234567890abcdefghijklmnopqrstuv "
            + "-----BEGIN PRIVATE KEY-----MIIE-----END PRIVATE KEY----- sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
        "key sk-", "xo", "A", "bEaReR", "-----BEGIN", "github_pat", "eyJ",
        "");
    for (String c : cases) {
      assertSame(c);
    }
  }

  @Test
  void sameFindingsAtTheBoundsOfTheHandWrittenMatchers() {
    String dots16 = "a" + ".a".repeat(15);
    List<String> cases = List.of(
        // email: run and repetition bounds, label shape, top-level domain length and look-ahead,
        // and the labels the greedy count gives back
        "x".repeat(64) + "@example.com " + "x".repeat(65) + "@example.com",
        dots16 + "@ex.com " + dots16 + ".a@ex.com",
        "a..b@ex.com .a@ex.com a.@ex.com a@.com a@b..com a@b.com@c.org a@b.c a@b.c.",
        "a@" + "b".repeat(63) + ".com a@" + "b".repeat(64) + ".com a@b.c.d.e.f.g.h.i.j.com a@b.c.d.e.f.g.h.com",
        "a@-b.com a@b-.com a@b--c.com a@1.2.3.4 a@b.com1 a@b.c1m a@b.co-m a@b.com-x a@b.com_x a@b.com.x1",
        "a@b.cx.dd1 a@b.cx.dd- a@b.cx.d a@b.c.d1 a@b." + "c".repeat(24) + " a@b." + "c".repeat(25) + " a@b.cx." + "d".repeat(25),
        "é@b.com aé@b.com a@bé.com a@b.cé a@b.coé x@y.z.png https://u@h.com //a@b.com (a@b.com) <a@b.com>",
        // card: 12 to 20 repetitions, separators, and the look-ahead the greedy count backs off from
        "4111111111111 411111111111 4111111111111111111 41111111111111111111 41111111111111111111111",
        "4111 1111 1111 1111 1 4111-1111-1111-1111 4111  1111 1111 1111 4111 -1111 1111 1111 4111- 1111 1111 1111",
        "4111 1111 1111 1111.5 4111 1111 1111 1111,5 4111 1111 1111 1111. 4111 1111 1111 1111_ 4111111111111111é",
        "-4111111111111111 x4111111111111111 4111111111111111- 4111 1111 1111 1111-2 4111 1111 1111 1111 2222 3",
        "378282246310005 3782 822463 10005 6011111111111117 6011 1111 1111 1117 9 4111111111111111.",
        // a valid 12-digit Maestro number before " 0x": the regex never backs off below 13 digits
        "501800000009 0x 501800000009 0 x");
    for (String c : cases) {
      assertSame(c);
    }
  }

  @Test
  void sameFindingsOnRandomText() {
    Random random = new Random(20261122L);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(40);
      for (int i = 0; i < parts; i++) {
        sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      assertSame(sb.toString());
    }
  }

  @Test
  void nonStringTextScansTheSame() {
    String text = "mail jane@example.com, call (415) 555-2671, key AKIAIOSFODNN7EXAMPLE";
    for (PatternDetector d : ALL) {
      assertThat(d.scan(new StringBuilder(text))).isEqualTo(reference(d, text));
    }
  }

  @Test
  void findingsHaveNoDuplicatesAndKeepStartOrder() {
    String text = String.join(" ", FRAGMENTS);
    for (PatternDetector d : ALL) {
      List<Finding> found = d.scan(text);
      List<Integer> starts = new ArrayList<>();
      found.forEach(f -> starts.add(f.start()));
      assertThat(starts).isSorted();
    }
  }
}
