package dev.aegis.guardrails.internal;

/**
 * The {@link SpanMatcher}s of the email and payment-card patterns in {@link Builtins}. Both
 * patterns leave the backtracking engine no real choice: every repetition stops at a character
 * the next element cannot start with, except the greedy counts that the code below retries from
 * the longest down, in the order the regex engine would.
 *
 * <p>Stateless and thread-safe.
 */
final class SpanMatchers {
  private SpanMatchers() {}

  /** {@code [A-Za-z0-9!#$%&'*+=?^_`{|}~-]}: the email local-part characters. */
  private static final boolean[] LOCAL = new boolean[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      LOCAL[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      LOCAL[c] = true;
      LOCAL[c - 32] = true;
    }
    for (char c : "!#$%&'*+=?^_`{|}~-".toCharArray()) {
      LOCAL[c] = true;
    }
  }

  private static boolean local(char c) {
    return c < 128 && LOCAL[c];
  }

  private static boolean alnum(char c) {
    return (c >= '0' && c <= '9') || letter(c);
  }

  private static boolean letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code \w} without UNICODE_CHARACTER_CLASS. */
  private static boolean word(char c) {
    return alnum(c) || c == '_';
  }

  /**
   * {@code (?<![L.])[L]{1,64}(?:\.[L]{1,64}){0,15}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}
   * ([A-Za-z]{2,24})(?![A-Za-z0-9-])} with {@code L} the local-part characters; validated by
   * {@link Builtins#plausibleEmail(CharSequence, int, int, int)}.
   */
  static final SpanMatcher EMAIL = new SpanMatcher() {
    @Override
    public int end(String s, int p) {
      return emailEnd(s, p);
    }

    @Override
    public boolean valid(String s, int start, int end) {
      return Builtins.plausibleEmail(s, start, s.lastIndexOf('.', end - 1) + 1, end);
    }
  };

  static int emailEnd(String s, int p) {
    int n = s.length();
    if (p > 0 && (local(s.charAt(p - 1)) || s.charAt(p - 1) == '.')) {
      return -1;
    }
    // the local part: dot-separated runs of 1 to 64 local chars, at most 16 of them; neither '.'
    // nor '@' is a local char, so a run ends where it must (a longer run leaves a local char
    // where '.' or '@' is needed, and no shorter count helps)
    int i = p;
    for (int runs = 1; ; runs++) {
      int run = i;
      while (i < n && i - run < 64 && local(s.charAt(i))) {
        i++;
      }
      if (i == run || i == n) {
        return -1;
      }
      char c = s.charAt(i);
      if (c == '@') {
        break;
      }
      if (c != '.' || runs == 16) {
        return -1;
      }
      i++;
    }
    // the domain labels: a label is a whole [A-Za-z0-9-] run of 1 to 63 chars, alphanumeric at
    // both ends, followed by '.'; the greedy {1,8} takes as many as it can, then gives them back
    // one at a time until the top-level domain after them matches
    int q = i + 1;
    int labels = 0;
    while (labels < 8) {
      int j = q;
      while (j < n && (alnum(s.charAt(j)) || s.charAt(j) == '-')) {
        j++;
      }
      int len = j - q;
      if (len < 1 || len > 63 || j == n || s.charAt(j) != '.' || !alnum(s.charAt(q)) || !alnum(s.charAt(j - 1))) {
        break;
      }
      labels++;
      q = j + 1;
    }
    // t: where the top-level domain starts after k labels (labels hold no '.', so the one
    // before is found from the previous dot)
    for (int k = labels, t = q; k >= 1; k--, t = s.lastIndexOf('.', t - 2) + 1) {
      int r = t;
      while (r < n && letter(s.charAt(r))) {
        r++;
      }
      int len = r - t;
      // fewer letters than the run leaves a letter where the look-ahead forbids one
      if (len >= 2 && len <= 24 && (r == n || !(alnum(s.charAt(r)) || s.charAt(r) == '-'))) {
        return r;
      }
    }
    return -1;
  }

  /**
   * {@code (?<![\w.,-])\d(?:[ -]?\d){12,18}(?!\w|[.,]\d)}; validated by
   * {@link Builtins#plausibleCard(CharSequence, int, int)}.
   */
  static final SpanMatcher CARD = new SpanMatcher() {
    @Override
    public int end(String s, int p) {
      return cardEnd(s, p);
    }

    @Override
    public boolean valid(String s, int start, int end) {
      return Builtins.plausibleCard(s, start, end);
    }
  };

  static int cardEnd(String s, int p) {
    int n = s.length();
    if (p >= n || !digit(s.charAt(p))) {
      return -1;
    }
    if (p > 0) {
      char b = s.charAt(p - 1);
      if (word(b) || b == '.' || b == ',' || b == '-') {
        return -1;
      }
    }
    // each repetition is one digit, or one separator then a digit: no choice inside it
    int e = p + 1;
    int k = 0;
    while (k < 18) {
      if (e < n && digit(s.charAt(e))) {
        e++;
      } else if (e + 1 < n && separator(s.charAt(e)) && digit(s.charAt(e + 1))) {
        e += 2;
      } else {
        break;
      }
      k++;
    }
    // the greedy count gives back one repetition at a time until the look-ahead holds
    for (; k >= 12; k--) {
      if (!cardContinues(s, e)) {
        return e;
      }
      e--;
      if (separator(s.charAt(e - 1))) {
        e--;
      }
    }
    return -1;
  }

  private static boolean separator(char c) {
    return c == ' ' || c == '-';
  }

  /** {@code \w|[.,]\d} at {@code e}. */
  private static boolean cardContinues(String s, int e) {
    if (e >= s.length()) {
      return false;
    }
    char c = s.charAt(e);
    return word(c) || ((c == '.' || c == ',') && e + 1 < s.length() && digit(s.charAt(e + 1)));
  }
}
