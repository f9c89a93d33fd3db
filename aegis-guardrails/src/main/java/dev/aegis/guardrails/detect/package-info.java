/**
 * Stateless, precompiled detectors (text in, findings out): PII, secrets, keyword lists, custom
 * regular expressions and prompt-injection heuristics. Obtain them from
 * {@link dev.aegis.guardrails.detect.Detectors}.
 */
@NullMarked
package dev.aegis.guardrails.detect;

import org.jspecify.annotations.NullMarked;
