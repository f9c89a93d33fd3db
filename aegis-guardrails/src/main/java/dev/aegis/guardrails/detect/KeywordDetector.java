package dev.aegis.guardrails.detect;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.internal.AhoCorasick;
import dev.aegis.guardrails.internal.CompositeGuardrail;
import dev.aegis.guardrails.internal.NormalizedText;
import dev.aegis.guardrails.internal.ScanText;
import dev.aegis.guardrails.internal.SharedScan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A keyword blocklist matched with Aho-Corasick in one pass, however long the list. Text and
 * keywords are both normalised first (Unicode NFKC, case folding, zero-width characters removed,
 * exotic spaces turned into plain ones, whitespace runs collapsed), so {@code "Ｐｒｏｊｅｃｔ\u200BX"}
 * and {@code "project   x"} both match the keyword {@code "Project X"}. Findings carry offsets in
 * the <em>original</em> text.
 *
 * <pre>{@code
 * KeywordDetector competitors = KeywordDetector.builder()
 *     .type("COMPETITOR")
 *     .addAll(List.of("Acme", "Globex"))
 *     .wholeWord(true)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordDetector implements Guardrail, SharedScan {
  private final String name;
  private final String type;
  private final boolean wholeWord;
  private final int keywordCount;
  private final AhoCorasick automaton;

  private KeywordDetector(Builder b, List<String> normalized) {
    this.name = b.name;
    this.type = b.type;
    this.wholeWord = b.wholeWord;
    this.keywordCount = normalized.size();
    this.automaton = new AhoCorasick(normalized);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  /** The finding type reported. */
  public String type() {
    return type;
  }

  /** The number of distinct normalised keywords. */
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
    automaton.search(s, (k, start, end) -> {
      if (!wholeWord || (boundary(s, start - 1) && boundary(s, end))) {
        found.add(new Finding(type, norm.originalStart(start), norm.originalEnd(end), 1.0, name));
      }
      return true;
    });
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

  /** Builds a {@link KeywordDetector}. Not thread-safe. */
  public static final class Builder {
    private String name = "keywords";
    private String type = FindingTypes.KEYWORD;
    private boolean wholeWord = true;
    private final Set<String> words = new LinkedHashSet<>();

    private Builder() {}

    /** The detector name in findings (default {@code keywords}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The finding type (default {@code KEYWORD}); upper-cased. */
    public Builder type(String type) {
      this.type = type.toUpperCase(Locale.ROOT);
      return this;
    }

    /** Whether a keyword must stand as a whole word (default {@code true}). */
    public Builder wholeWord(boolean wholeWord) {
      this.wholeWord = wholeWord;
      return this;
    }

    public Builder add(String keyword) {
      words.add(keyword);
      return this;
    }

    public Builder addAll(Collection<String> keywords) {
      words.addAll(keywords);
      return this;
    }

    /**
     * @throws ConfigException if the list is empty or a keyword normalises to nothing
     */
    public KeywordDetector build() {
      String path = "guardrails.rules." + name + ".keywords";
      if (words.isEmpty()) {
        throw ConfigException.of(path, "must not be empty");
      }
      Set<String> normalized = new LinkedHashSet<>();
      for (String w : words) {
        String n = NormalizedText.normalize(w);
        if (n.isEmpty()) {
          throw ConfigException.of(path, "contains a keyword that is blank after normalisation");
        }
        normalized.add(n);
      }
      return new KeywordDetector(this, new ArrayList<>(normalized));
    }
  }
}
