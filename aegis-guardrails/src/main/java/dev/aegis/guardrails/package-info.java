/**
 * The guardrail plugin: applies detectors to requests, answers and streams with per-rule actions
 * (block, warn, log, redact, reversible masking), classifies requests for residency routing and
 * enforces input limits. Start with {@link dev.aegis.guardrails.GuardrailPlugin#builder()}.
 */
@NullMarked
package dev.aegis.guardrails;

import org.jspecify.annotations.NullMarked;
