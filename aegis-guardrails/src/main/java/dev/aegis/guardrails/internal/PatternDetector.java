package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of one precompiled pattern, an optional validator for the candidates it
 * matches (checksums, impossible values), and optional literal anchors: when the text is a
 * {@code String} that contains none of them, the regex does not run at all.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternDetector implements Guardrail {

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

  public PatternDetector(String name, String type, Pattern pattern, int group, double confidence,
      Validator validator, String... anchors) {
    this.name = name;
    this.type = type;
    this.pattern = pattern;
    this.group = group;
    this.confidence = confidence;
    this.validator = validator;
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
