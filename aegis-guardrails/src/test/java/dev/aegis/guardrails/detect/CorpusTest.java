package dev.aegis.guardrails.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.GuardrailPlugin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Grades the built-in detectors against the labelled corpus in {@code corpus/detectors.tsv}
 * (committed before the detectors), twice: each row with its own type's detector, and every row
 * with the composite default plugin ({@link GuardrailPlugin#defaults()}), where a finding of any
 * type the row is not labelled with is a false positive of that type (a phone number found in an
 * SSN near-miss counts against the phone detector). Prints precision and recall per type and
 * fails below the thresholds, which are what the detectors achieve, so a regression fails.
 */
class CorpusTest {
  /**
   * The precision and recall each type achieves, with its own detector and in the composite scan:
   * 1.0 unless listed below, each a floor so a regression fails. Below 1.0, with the row to blame:
   * {@code Version 10.2.3.4} is an IPv4 address to any pattern (line 41).
   */
  static final Map<String, Double> OWN_PRECISION = Map.of();
  static final Map<String, Double> COMPOSITE_PRECISION = Map.of(FindingTypes.IP_ADDRESS, 10 / 11.0);
  /** Recall is 1.0 for every type, both ways. */
  static final Map<String, Double> RECALL = Map.of();

  private static final Map<String, Guardrail> DETECTORS = Map.ofEntries(
      Map.entry(FindingTypes.EMAIL, Detectors.email()),
      Map.entry(FindingTypes.PHONE, Detectors.phone()),
      Map.entry(FindingTypes.SSN, Detectors.usSsn()),
      Map.entry(FindingTypes.CREDIT_CARD, Detectors.paymentCard()),
      Map.entry(FindingTypes.IBAN, Detectors.iban()),
      Map.entry(FindingTypes.CA_SIN, Detectors.caSin()),
      Map.entry(FindingTypes.IP_ADDRESS, Detectors.ipAddress()),
      Map.entry(FindingTypes.PROMPT_INJECTION, Detectors.promptInjection()));

  /**
   * One labelled row: its type, whether that type must be found, the text, and the other types
   * the text does contain (the optional fourth column, comma-separated), which the composite scan
   * may find without penalty.
   */
  record Row(int line, String type, boolean expected, String text, Set<String> also) {}

  static final class Score {
    int tp;
    int fp;
    int fn;
    int tn;

    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }
  }

  @Test
  void eachDetectorMeetsPrecisionAndRecallOnItsOwnRows() throws IOException {
    List<Row> rows = load();
    assertThat(rows).hasSizeGreaterThan(300);
    Map<String, Score> scores = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    for (Row row : rows) {
      Guardrail detector = DETECTORS.getOrDefault(row.type(), Detectors.secrets());
      boolean found = detector.scan(row.text()).stream().map(Finding::type).anyMatch(row.type()::equals);
      Score s = scores.computeIfAbsent(row.type(), k -> new Score());
      if (found && row.expected()) {
        s.tp++;
      } else if (found) {
        s.fp++;
        misses.add("false positive, line " + row.line() + " " + row.type());
      } else if (row.expected()) {
        s.fn++;
        misses.add("false negative, line " + row.line() + " " + row.type());
      } else {
        s.tn++;
      }
    }
    check("own detector", scores, misses, OWN_PRECISION, RECALL);
  }

  @Test
  void theCompositeDefaultPluginMeetsPrecisionAndRecallOverTheWholeCorpus() throws IOException {
    List<Row> rows = load();
    GuardrailPlugin plugin = GuardrailPlugin.defaults();
    Map<String, Score> scores = new TreeMap<>();
    rows.forEach(r -> scores.computeIfAbsent(r.type(), k -> new Score()));
    List<String> misses = new ArrayList<>();
    for (Row row : rows) {
      Set<String> found = new TreeSet<>();
      plugin.scan(row.text()).forEach(f -> found.add(f.type()));
      Set<String> present = new TreeSet<>(row.also());
      if (row.expected()) present.add(row.type());
      for (String type : found) {
        Score s = scores.computeIfAbsent(type, k -> new Score());
        if (present.contains(type)) {
          s.tp++;
        } else {
          s.fp++;
          misses.add("false positive, line " + row.line() + " (" + row.type() + " row): " + type);
        }
      }
      for (String type : present) {
        if (!found.contains(type)) {
          scores.computeIfAbsent(type, k -> new Score()).fn++;
          misses.add("false negative, line " + row.line() + " (" + row.type() + " row): " + type);
        }
      }
      if (!row.expected() && !found.contains(row.type())) scores.get(row.type()).tn++;
    }
    check("composite", scores, misses, COMPOSITE_PRECISION, RECALL);
  }

  @Test
  void everyTypeHasEightPositivesAndEightNearMisses() throws IOException {
    Map<String, int[]> counts = new TreeMap<>();
    for (Row row : load()) {
      counts.computeIfAbsent(row.type(), k -> new int[2])[row.expected() ? 0 : 1]++;
    }
    counts.forEach((type, c) -> {
      assertThat(c[0]).as("positives of %s", type).isGreaterThanOrEqualTo(8);
      assertThat(c[1]).as("near-misses of %s", type).isGreaterThanOrEqualTo(8);
    });
    assertThat(counts).hasSize(17);
  }

  private static void check(String what, Map<String, Score> scores, List<String> misses,
      Map<String, Double> minPrecision, Map<String, Double> minRecall) {
    StringBuilder report = new StringBuilder(String.format("%s%n%-18s %5s %5s %5s %5s %9s %7s%n", what,
        "type", "tp", "fp", "fn", "tn", "precision", "recall"));
    scores.forEach((type, s) -> report.append(String.format("%-18s %5d %5d %5d %5d %9.3f %7.3f%n",
        type, s.tp, s.fp, s.fn, s.tn, s.precision(), s.recall())));
    misses.forEach(m -> report.append(m).append('\n'));
    System.out.print(report);
    scores.forEach((type, s) -> {
      assertThat(s.precision()).as("%s precision of %s%n%s", what, type, report)
          .isGreaterThanOrEqualTo(minPrecision.getOrDefault(type, 1.0));
      assertThat(s.recall()).as("%s recall of %s%n%s", what, type, report)
          .isGreaterThanOrEqualTo(minRecall.getOrDefault(type, 1.0));
    });
  }

  static List<Row> load() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/detectors.tsv");
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 4);
        String text = cols[2].replace("\\n", "\n").replace("\\t", "\t");
        Set<String> also = cols.length < 4 || cols[3].isBlank() ? Set.of() : Set.of(cols[3].split(","));
        rows.add(new Row(n, cols[0], cols[1].equals("yes"), text, also));
      }
    }
    return rows;
  }
}
