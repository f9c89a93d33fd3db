/**
 * Aegis guardrails: the built-in detectors and the guardrail plugin. Depends on aegis-api only.
 *
 * <p>{@code dev.aegis.guardrails.internal} is not exported.
 */
module dev.aegis.guardrails {
  requires transitive dev.aegis.api;
  requires static org.jspecify;

  exports dev.aegis.guardrails;
  exports dev.aegis.guardrails.detect;
}
