package dev.aegis.api.error;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * The gateway's configuration is invalid. Reports every problem found, each with the path of the
 * offending setting and the rule it breaks, so one round of fixes suffices.
 *
 * <p>Thread-safe once thrown.
 */
public class ConfigException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    this(problems, null);
  }

  /** Problems found while reading something that failed with {@code cause} (kept, never in the message). */
  public ConfigException(List<Problem> problems, @org.jspecify.annotations.Nullable Throwable cause) {
    super(ErrorKind.CONFIG, summarize(problems), false, cause);
    this.problems = Checks.copyOf(problems, "problems");
  }

  /** A single problem. */
  public static ConfigException of(String path, String rule) {
    return new ConfigException(List.of(new Problem(path, rule)));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summarize(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("invalid configuration (").append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (Problem p : problems) {
      sb.append("\n  ").append(p);
    }
    return sb.toString();
  }

  /**
   * One configuration problem.
   *
   * @param path where, e.g. {@code providers.openai.baseUrl} or {@code routes.smart.targets[1]}
   * @param rule what is wrong, e.g. "must be an absolute http(s) URL"
   */
  public record Problem(String path, String rule) {
    public Problem {
      Checks.notNull(path, "path");
      Checks.notNull(rule, "rule");
    }

    @Override
    public String toString() {
      return path + ": " + rule;
    }
  }
}
