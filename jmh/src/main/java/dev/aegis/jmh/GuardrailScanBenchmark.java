package dev.aegis.jmh;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.guardrails.Action;
import dev.aegis.guardrails.GuardrailPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default guardrail rule set (every PII and secret detector, prompt-injection heuristics) plus
 * a 200-word keyword blocklist, scanning 1 KB and 64 KB of text, beside a baseline measured in
 * the same run: one precompiled email {@link Pattern} over the same text. Goals to report against
 * (not asserted anywhere): at least 50 MB/s per core on 64 KB, at most 20 µs for a 1 KB prompt.
 *
 * <p>The text mixes ordinary prose with an email, a phone number and a card number in every
 * ~1 KB, so every detector has work to do.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -DskipTests -pl jmh -am package
 * java -jar jmh/target/benchmarks.jar GuardrailScanBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardrailScanBenchmark {
  private static final String PARAGRAPH =
      "Our quarterly planning meeting covered the roadmap for the analytics platform, the migration of "
      + "the reporting jobs to the new cluster, and the hiring plan for the second half of the year. "
      + "Please send the summary to jane.doe@example.com before Friday, or call (415) 555-2671 if the "
      + "numbers need another review. The vendor invoice was paid with card 4111 1111 1111 1111 and "
      + "the remaining budget is tracked in the shared spreadsheet. Action items: finalize the data "
      + "retention policy, review the access logs for the staging environment, and schedule the "
      + "follow-up with the infrastructure team about capacity for the next product launch. ";

  @Param({"1024", "65536"})
  public int size;

  private String text;
  private GuardrailPlugin plugin;
  private Pattern email;

  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder(size + PARAGRAPH.length());
    while (sb.length() < size) {
      sb.append(PARAGRAPH);
    }
    text = sb.substring(0, size);
    List<String> keywords = new ArrayList<>(200);
    for (int i = 0; i < 200; i++) {
      keywords.add("forbiddenterm" + i);
    }
    plugin = GuardrailPlugin.builder().defaults().keywords("blocklist", Action.BLOCK, keywords).build();
    email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  }

  @Benchmark
  public List<Finding> defaultRuleSet() {
    return plugin.scan(text);
  }

  @Benchmark
  public int baselineEmailPattern() {
    Matcher m = email.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
