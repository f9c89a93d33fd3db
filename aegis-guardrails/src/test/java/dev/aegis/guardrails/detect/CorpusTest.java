package dev.aegis.guardrails.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Grades the built-in detectors against the labelled corpus in {@code corpus/detectors.tsv}
 * (committed before the detectors): prints precision and recall per type and fails below the
 * thresholds.
 */
class CorpusTest {
  /** Every type must reach these on the corpus. */
  static final double MIN_PRECISION = 0.95;
  static final double MIN_RECALL = 0.90;

  private static final Map<String, Guardrail> DETECTORS = Map.ofEntries(
      Map.entry(FindingTypes.EMAIL, Detectors.email()),
      Map.entry(FindingTypes.PHONE, Detectors.phone()),
      Map.entry(FindingTypes.SSN, Detectors.usSsn()),
      Map.entry(FindingTypes.CREDIT_CARD, Detectors.paymentCard()),
      Map.entry(FindingTypes.IBAN, Detectors.iban()),
      Map.entry(FindingTypes.CA_SIN, Detectors.caSin()),
      Map.entry(FindingTypes.IP_ADDRESS, Detectors.ipAddress()),
      Map.entry(FindingTypes.PROMPT_INJECTION, Detectors.promptInjection()));

  record Row(int line, String type, boolean expected, String text) {}

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
  void detectorsMeetPrecisionAndRecallOnTheCorpus() throws IOException {
    List<Row> rows = load();
    assertThat(rows).hasSizeGreaterThan(150);
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
    StringBuilder report = new StringBuilder(String.format("%-18s %5s %5s %5s %5s %9s %7s%n",
        "type", "tp", "fp", "fn", "tn", "precision", "recall"));
    scores.forEach((type, s) -> report.append(String.format("%-18s %5d %5d %5d %5d %9.3f %7.3f%n",
        type, s.tp, s.fp, s.fn, s.tn, s.precision(), s.recall())));
    System.out.print(report);
    misses.forEach(System.out::println);
    scores.forEach((type, s) -> {
      assertThat(s.precision()).as("precision of %s%n%s", type, report).isGreaterThanOrEqualTo(MIN_PRECISION);
      assertThat(s.recall()).as("recall of %s%n%s", type, report).isGreaterThanOrEqualTo(MIN_RECALL);
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
        String[] cols = line.split("\t", 3);
        String text = cols[2].replace("\\n", "\n").replace("\\t", "\t");
        rows.add(new Row(n, cols[0], cols[1].equals("yes"), text));
      }
    }
    return rows;
  }
}
