package dev.aegis.guardrails;

import java.util.Locale;

/**
 * What a rule does with its findings.
 *
 * <ul>
 *   <li>{@link #BLOCK}: fail with a {@link dev.aegis.api.error.GuardrailViolationException} naming
 *       the rule and the finding types, never the matched text;</li>
 *   <li>{@link #WARN}: let the request proceed, add the rule and finding types to the response
 *       metadata attribute {@value GuardrailPlugin#WARNINGS_ATTRIBUTE} and publish a
 *       {@link dev.aegis.api.event.GuardrailTriggered} event;</li>
 *   <li>{@link #LOG}: only publish the event (hooks decide where it is logged);</li>
 *   <li>{@link #REDACT}: replace each match with its type tag, e.g. {@code [EMAIL]}, and publish
 *       the event;</li>
 *   <li>{@link #MASK}: on input, replace each match with a reversible placeholder such as
 *       {@code <EMAIL_1>} and restore the original in the answer (streams too); on output, values
 *       that did not come from the input are redacted. Publishes the event.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public enum Action {
  BLOCK,
  WARN,
  LOG,
  REDACT,
  MASK;

  /** The lower-case name used in events. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
