package dev.aegis.api.guardrail;

import dev.aegis.api.internal.Checks;

/**
 * Something a guardrail found: its type, where, and how sure it is. Never carries the matched
 * text: callers that need it take {@code text.subSequence(start, end)} themselves, and nothing
 * that prints a finding can leak it.
 *
 * @param type what was found, upper-case (e.g. {@code EMAIL}, {@code CREDIT_CARD}, {@code AWS_ACCESS_KEY})
 * @param start the start offset in the scanned text, inclusive
 * @param end the end offset, exclusive
 * @param confidence from 0 to 1
 * @param detector the name of the guardrail that found it
 *     <p>Immutable and thread-safe.
 */
public record Finding(String type, int start, int end, double confidence, String detector) {
  public Finding {
    Checks.notBlank(type, "type");
    Checks.nonNegative(start, "start");
    if (end < start) {
      throw new IllegalArgumentException("end " + end + " < start " + start);
    }
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be in [0,1] but was " + confidence);
    }
    Checks.notNull(detector, "detector");
  }

  public int length() {
    return end - start;
  }
}
