package dev.aegis.guardrails.detect;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.internal.KeywordScan;
import dev.aegis.guardrails.internal.NormalizedText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
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
 * <p>Implementations are immutable and thread-safe.
 */
public interface KeywordDetector extends Guardrail {

  static Builder builder() {
    return new Builder();
  }

  /** The finding type reported. */
  String type();

  /** The number of distinct normalised keywords. */
  int size();

  /** Builds a {@link KeywordDetector}. Not thread-safe. */
  final class Builder {
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
      return new KeywordScan(name, type, wholeWord, new ArrayList<>(normalized));
    }
  }
}
