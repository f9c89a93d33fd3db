package dev.aegis.api.guardrail;

import java.util.List;

/**
 * A stateless detector: text in, findings out. Guardrails decide nothing; the plugin that applies
 * them maps findings to actions (block, warn, log, redact, mask, classify).
 *
 * <pre>{@code
 * Guardrail competitor = text -> text.toString().contains("Acme")
 *     ? List.of(new Finding("COMPETITOR", ...)) : List.of();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and should be allocation-light: return
 * {@code List.of()} when nothing is found, and precompile patterns.
 */
public interface Guardrail {

  /** The detector's name, used in findings and errors. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Scans the text, returning findings in order of their start offset. */
  List<Finding> scan(CharSequence text);
}
