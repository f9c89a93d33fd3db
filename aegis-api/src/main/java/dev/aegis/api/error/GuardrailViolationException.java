package dev.aegis.api.error;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * A guardrail blocked the request or the answer. Names the plugin, the rule and the types of what
 * was found, never the matched text itself.
 *
 * <p>Thread-safe once thrown.
 */
public class GuardrailViolationException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final String plugin;
  private final String rule;
  private final List<String> findingTypes;

  public GuardrailViolationException(String plugin, String rule, List<String> findingTypes, String message) {
    super(ErrorKind.GUARDRAIL, message, false, null);
    this.plugin = plugin;
    this.rule = rule;
    this.findingTypes = Checks.copyOf(findingTypes, "findingTypes");
  }

  public String plugin() {
    return plugin;
  }

  public String rule() {
    return rule;
  }

  /** The types of the findings that triggered the block (e.g. {@code EMAIL}), never the values. */
  public List<String> findingTypes() {
    return findingTypes;
  }
}
