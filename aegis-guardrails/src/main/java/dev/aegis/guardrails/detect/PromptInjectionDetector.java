package dev.aegis.guardrails.detect;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.internal.PromptInjectionScan;

/**
 * A <em>heuristic</em> prompt-injection detector. It normalises the text (NFKC, case folding,
 * zero-width characters removed, whitespace collapsed) and looks for phrase families seen in
 * injection attempts, each with a weight:
 *
 * <ul>
 *   <li>instruction override: "ignore (all|any|the) previous instructions", "disregard your
 *       rules", "forget everything above";</li>
 *   <li>role-play jailbreaks: "you are now DAN", "do anything now", "developer mode", "act as an
 *       unrestricted AI", "without any restrictions";</li>
 *   <li>system-prompt exfiltration: "reveal your system prompt", "what were your initial
 *       instructions".</li>
 * </ul>
 *
 * <p>The score is the sum of the weights of the families present (each counted once), capped at
 * 1. When it reaches the threshold, every matched phrase is reported as a
 * {@code PROMPT_INJECTION} finding whose confidence is the score. This catches common, lazy
 * attacks; it does not stop a determined attacker (paraphrases, other languages, encodings), and
 * benign text quoting such phrases is reported too. Use it to warn or log unless your traffic
 * tolerates false positives.
 *
 * <pre>{@code
 * Guardrail strict = PromptInjectionDetector.withThreshold(0.3);
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PromptInjectionDetector extends Guardrail {
  /** The default threshold: one strong phrase, or two weaker ones together. */
  double DEFAULT_THRESHOLD = 0.5;

  /**
   * A detector reporting findings when the score reaches {@code threshold}.
   *
   * @throws ConfigException if the threshold is not in (0, 1]
   */
  static PromptInjectionDetector withThreshold(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw ConfigException.of("guardrails.promptInjection.threshold", "must be in (0, 1] but was " + threshold);
    }
    return new PromptInjectionScan(threshold);
  }

  /** The score at or above which findings are reported. */
  double threshold();

  /** The heuristic score of {@code text}, from 0 to 1. */
  double score(CharSequence text);
}
