package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A detector made of one precompiled pattern, an optional validator for the candidates it
 * matches (checksums, impossible values), and either optional literal anchors (when the text is a
 * {@code String} that contains none of them, the regex does not run at all) or a
 * {@link Candidates} prefilter (the regex is tried only at the positions it yields, with the same
 * findings as a plain {@code find()} loop; the built-in detectors use these).
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternDetector implements Guardrail, SharedScan {

  /**
   * Accepts or rejects a regex candidate.
   *
   * <p>Implementations must be stateless and thread-safe.
   */
  @FunctionalInterface
  public interface Validator {
    Validator ANY = (text, m) -> true;

    /** Whether the match is a real finding; {@code m} is positioned on the candidate. */
    boolean valid(CharSequence text, Matcher m);
  }

  private final String name;
  private final String type;
  private final Pattern pattern;
  private final int group;
  private final double confidence;
  private final Validator validator;
  private final String[] anchors;
  private final @Nullable Candidates candidates;
  private final @Nullable SpanMatcher span;

  public PatternDetector(String name, String type, Pattern pattern, int group, double confidence,
      Validator validator, String... anchors) {
    this(name, type, pattern, group, confidence, validator, null, null, anchors);
  }

  /**
   * A detector that tries {@code pattern} only where {@code candidates} says it may match; see
   * {@link Candidates} for the contract that keeps the findings those of a plain {@code find()}.
   */
  public PatternDetector(String name, String type, Pattern pattern, int group, double confidence,
      Validator validator, Candidates candidates) {
    this(name, type, pattern, group, confidence, validator, candidates, null, new String[0]);
  }

  /**
   * A prefiltered detector whose pattern (group 0) and validator are replaced at the candidates
   * by {@code span}, an exact hand-written equivalent (see {@link SpanMatcher}); the pattern and
   * validator remain the reference {@link #scanAll} uses.
   */
  PatternDetector(String name, String type, Pattern pattern, int group, double confidence,
      Validator validator, Candidates candidates, SpanMatcher span) {
    this(name, type, pattern, group, confidence, validator, candidates, span, new String[0]);
    if (group != 0) {
      throw new IllegalArgumentException("a span matcher stands for group 0");
    }
  }

  private PatternDetector(String name, String type, Pattern pattern, int group, double confidence,
      Validator validator, @Nullable Candidates candidates, @Nullable SpanMatcher span, String[] anchors) {
    this.name = name;
    this.type = type;
    this.pattern = pattern;
    this.group = group;
    this.confidence = confidence;
    this.validator = validator;
    this.candidates = candidates;
    this.span = span;
    this.anchors = anchors.clone();
  }

  @Override
  public String name() {
    return name;
  }

  /** The finding type this detector reports. */
  public String type() {
    return type;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    if (candidates != null) {
      return scanCandidates(new ScanText(text), candidates);
    }
    return scanAll(text);
  }

  @Override
  public List<Finding> scan(ScanText text) {
    if (candidates != null) {
      return scanCandidates(text, candidates);
    }
    return scanAll(text.original());
  }

  /**
   * Tries the pattern only at candidate positions, each with {@code lookingAt} over a region that
   * runs to the end of the text with transparent bounds (look-arounds and {@code \b} see the
   * whole text), and goes on from a match's end as {@link Matcher#find()} does: the same matches
   * as {@link #scanAll}, without trying the pattern at every position.
   */
  private List<Finding> scanCandidates(ScanText text, Candidates candidates) {
    if (span != null) {
      return scanSpans(text, candidates, span);
    }
    String s = text.string();
    int len = s.length();
    Matcher m = null;
    List<Finding> found = null;
    int pos = 0;
    int p;
    while (pos <= len && (p = candidates.next(text, pos)) >= 0) {
      if (m == null) {
        m = pattern.matcher(s);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
      }
      m.region(p, len);
      if (!m.lookingAt()) {
        pos = p + 1;
        continue;
      }
      pos = m.end() == p ? p + 1 : m.end();
      if (m.start(group) < 0 || !validator.valid(s, m)) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>(2);
      }
      found.add(new Finding(type, m.start(group), m.end(group), confidence, name));
    }
    return found == null ? List.of() : found;
  }

  /** {@link #scanCandidates} with the {@link SpanMatcher} in place of the pattern and validator. */
  private List<Finding> scanSpans(ScanText text, Candidates candidates, SpanMatcher span) {
    String s = text.string();
    int len = s.length();
    List<Finding> found = null;
    int pos = 0;
    int p;
    while (pos <= len && (p = candidates.next(text, pos)) >= 0) {
      int end = span.end(s, p);
      if (end < 0) {
        pos = p + 1;
        continue;
      }
      pos = end == p ? p + 1 : end;
      if (!span.valid(s, p, end)) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>(2);
      }
      found.add(new Finding(type, p, end, confidence, name));
    }
    return found == null ? List.of() : found;
  }

  /** Every match of a plain {@code find()} loop; also the reference the prefiltered scan is tested against. */
  List<Finding> scanAll(CharSequence text) {
    if (!mayMatch(text)) {
      return List.of();
    }
    Matcher m = pattern.matcher(text);
    List<Finding> found = null;
    while (m.find()) {
      if (m.start(group) < 0 || !validator.valid(text, m)) {
        continue;
      }
      if (found == null) {
        found = new ArrayList<>(2);
      }
      found.add(new Finding(type, m.start(group), m.end(group), confidence, name));
    }
    return found == null ? List.of() : found;
  }

  private boolean mayMatch(CharSequence text) {
    if (anchors.length == 0 || !(text instanceof String)) {
      return true;
    }
    String s = (String) text;
    for (String anchor : anchors) {
      if (s.contains(anchor)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "PatternDetector[" + name + ']';
  }
}
