package dev.aegis.core.config.internal;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean" hints: the closest known name within a small edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** The closest of {@code known} to {@code given}, or null when none is close. */
  static @Nullable String closest(String given, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String g = given.toLowerCase(Locale.ROOT);
    for (String k : known) {
      int d = distance(g, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    int allowed = given.length() >= 6 ? 3 : given.length() >= 3 ? 2 : 1;
    return bestDistance <= allowed ? best : null;
  }

  /** {@code ; did you mean "x"?} or {@code ; known: [...]}. */
  static String hint(String given, Collection<String> known) {
    String c = closest(given, known);
    return c != null ? "; did you mean \"" + c + "\"?" : "; known: " + known;
  }

  /** Optimal string alignment distance: edits, with a swap of neighbours counting one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
