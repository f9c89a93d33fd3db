package dev.aegis.api.event;

import dev.aegis.api.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A guardrail rule matched. Carries finding types, never the matched text.
 *
 * @param timestamp when
 * @param requestId the request id
 * @param plugin the plugin that applied the rule
 * @param rule the rule name
 * @param action what was done (block, warn, log, redact, mask)
 * @param direction {@code input} or {@code output}
 * @param findingTypes the types found
 *     <p>Immutable and thread-safe.
 */
public record GuardrailTriggered(Instant timestamp, String requestId, String plugin, String rule, String action,
    String direction, List<String> findingTypes) implements GatewayEvent {
  public GuardrailTriggered {
    findingTypes = Checks.copyOf(findingTypes, "findingTypes");
  }

  @Override
  public String name() {
    return "guardrail.triggered";
  }
}
