package dev.aegis.guardrails.internal;

/**
 * Where a pattern may start matching: a cheap, exact-superset prefilter that lets a
 * {@link PatternDetector} try its regex only at a few positions instead of at every one.
 *
 * <p>The contract that keeps findings unchanged: {@link #next} must never skip a position at
 * which the pattern can match (it may return positions where it cannot). The detector then tries
 * the pattern at each candidate with {@code lookingAt} over transparent bounds and continues after
 * a match exactly as {@link java.util.regex.Matcher#find()} would, so the matches are the same as
 * a plain {@code find()} loop over the whole text.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Candidates {

  /** The first position {@code >= from} at which the pattern may match, or -1. */
  int next(ScanText text, int from);
}
