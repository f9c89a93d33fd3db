package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.guardrails.Action;

/**
 * A finding together with the rule that produced it and that rule's action.
 *
 * @param rule the rule name
 * @param action what the rule does
 * @param finding what was found; its span refers to the scanned text
 *     <p>Immutable and thread-safe.
 */
record Hit(String rule, Action action, Finding finding) {
  int start() {
    return finding.start();
  }

  int end() {
    return finding.end();
  }

  boolean rewrites() {
    return action == Action.REDACT || action == Action.MASK;
  }
}
