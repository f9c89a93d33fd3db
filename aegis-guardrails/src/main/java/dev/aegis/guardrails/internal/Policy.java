package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Classification;
import dev.aegis.guardrails.Action;
import dev.aegis.guardrails.Rule;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The validated configuration of a guardrail plugin, as the engine needs it.
 *
 * @param plugin the plugin name in errors and events
 * @param inputRules rules that scan requests, in configuration order
 * @param outputRules rules that scan answers, in configuration order
 * @param classification finding type to classification
 * @param hallucinatedPii the action for PII in answers that was not in the request, or null for none
 * @param piiDetectors the detectors that define PII for that check
 * @param maxInputChars the limit on request characters, 0 for none
 * @param maxInputTokens the limit on estimated request tokens, 0 for none
 * @param maxMessages the limit on messages, 0 for none
 * @param estimator counts tokens
 * @param window characters of streamed text held back for scanning
 * @param clock timestamps events
 *     <p>Immutable and thread-safe.
 */
public record Policy(String plugin, List<Rule> inputRules, List<Rule> outputRules,
    Map<String, Classification> classification, @Nullable Action hallucinatedPii, List<Guardrail> piiDetectors,
    int maxInputChars, int maxInputTokens, int maxMessages, TokenEstimator estimator, int window, Clock clock) {

  /** The pseudo-rule name under which hallucinated PII is reported. */
  public static final String HALLUCINATED_PII = "hallucinated-pii";

  public Policy {
    inputRules = List.copyOf(inputRules);
    outputRules = List.copyOf(outputRules);
    classification = Map.copyOf(classification);
    piiDetectors = List.copyOf(piiDetectors);
  }

  /** Whether answers need any work (output rules, the PII check, or unmasking). */
  boolean scansOutput() {
    return !outputRules.isEmpty() || hallucinatedPii != null;
  }
}
