package dev.aegis.guardrails.internal;

/**
 * A hand-written equivalent of one built-in pattern (group 0) and its validator, for the
 * patterns whose regex is the bulk of a scan's cost (each of their matches walks
 * {@code java.util.regex}'s group loops and char-class predicates).
 *
 * <p>The contract that keeps findings unchanged: {@link #end} returns exactly the end of the
 * match that {@code lookingAt} of the detector's pattern makes at that position over the whole
 * text with transparent bounds (look-behinds see the text before it), or -1 where it makes none;
 * {@link #valid} answers exactly what the detector's {@link PatternDetector.Validator} answers for
 * that match. {@code PrefilterEquivalenceTest} checks both against the regex.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SpanMatcher {

  /** The end of the pattern's match starting at {@code p}, or -1. */
  int end(String s, int p);

  /** Whether the match {@code s[start, end)} is a finding. */
  boolean valid(String s, int start, int end);
}
