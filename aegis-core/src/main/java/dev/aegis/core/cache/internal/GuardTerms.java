package dev.aegis.core.cache.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a question that an embedding blurs but that change its answer: numbers, a
 * negation, and names (capitalised words after the first of a sentence). Sentence embeddings put
 * "Is ibuprofen safe during pregnancy?" and "Is ibuprofen not safe during pregnancy?" at a cosine
 * of 0.99, "open on Monday" and "open on Sunday" at 0.95, "2019" and "2021" at 0.93 — above any
 * threshold that still accepts paraphrases. The semantic cache therefore only compares
 * questions whose guard terms are equal, and lets the embedding judge the rest.
 *
 * <p>Stateless and thread-safe.
 */
public final class GuardTerms {
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "nor", "none", "nobody", "nothing",
      "neither", "cannot", "without");

  private GuardTerms() {}

  /** A canonical form of the question's guard terms: equal for questions that may share an answer. */
  public static String of(String text) {
    List<String> terms = new ArrayList<>(4);
    boolean negated = false;
    boolean sentenceStart = true;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.' && j + 1 < n
            && Character.isDigit(text.charAt(j + 1)))) {
          j++;
        }
        terms.add('#' + text.substring(i, j));
        sentenceStart = false;
        i = j;
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < n && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '\'' || text.charAt(j) == '\u2019')) {
          j++;
        }
        String word = text.substring(i, j);
        String lower = word.toLowerCase(Locale.ROOT);
        if (NEGATIONS.contains(lower) || lower.endsWith("n't") || lower.endsWith("n\u2019t")) {
          negated = true;
        } else if (!sentenceStart && Character.isUpperCase(c) && !word.equals("I")) {
          terms.add(lower);
        }
        sentenceStart = false;
        i = j;
      } else {
        if (c == '.' || c == '?' || c == '!' || c == '\n') {
          sentenceStart = true;
        }
        i++;
      }
    }
    terms.sort(null);
    if (negated) {
      terms.add(0, "!not");
    }
    return String.join(" ", terms);
  }
}
