package dev.aegis.guardrails.internal;

import dev.aegis.api.guardrail.Finding;
import dev.aegis.guardrails.detect.KeywordDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link KeywordDetector}: an Aho-Corasick automaton over normalised keywords, scanning the
 * shared normalised view of a {@link ScanText}.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordScan implements KeywordDetector, SharedScan {
  private final String name;
  private final String type;
  private final boolean wholeWord;
  private final int keywordCount;
  private final AhoCorasick automaton;

  /** {@code normalized}: distinct keywords, each already normalised and non-empty. */
  public KeywordScan(String name, String type, boolean wholeWord, List<String> normalized) {
    this.name = name;
    this.type = type;
    this.wholeWord = wholeWord;
    this.keywordCount = normalized.size();
    this.automaton = new AhoCorasick(normalized);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public int size() {
    return keywordCount;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    return scan(new ScanText(text));
  }

  /** Scans the shared normalised view of {@code text}; see {@link SharedScan}. */
  @Override
  public List<Finding> scan(ScanText text) {
    if (text.original().length() == 0) {
      return List.of();
    }
    NormalizedText norm = text.normalized();
    CharSequence s = norm.chars();
    List<Finding> found = new ArrayList<>(0);
    AhoCorasick.MatchHandler handler = (k, start, end) -> {
      if (!wholeWord || (boundary(s, start - 1) && boundary(s, end))) {
        found.add(new Finding(type, norm.originalStart(start), norm.originalEnd(end), 1.0, name));
      }
      return true;
    };
    byte[] ascii = norm.ascii();
    if (ascii != null) {
      automaton.search(ascii, s.length(), handler);
    } else {
      automaton.search(s, handler);
    }
    if (found.isEmpty()) {
      return List.of();
    }
    found.sort(CompositeGuardrail.BY_START);
    return found;
  }

  private static boolean boundary(CharSequence s, int i) {
    return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
  }

  @Override
  public String toString() {
    // never list the keywords: a blocklist can itself be sensitive
    return "KeywordDetector[" + name + ", " + keywordCount + " keywords]";
  }
}
