package dev.aegis.guardrails.internal;

/**
 * The {@link Candidates} of the built-in patterns in {@link Builtins}. Each one accepts every
 * position where its pattern can start a match (it restates the pattern's first characters and
 * look-behind, and counts the digits a match needs); the regex still decides.
 *
 * <p>Stateless and thread-safe.
 */
final class Prefilters {
  private Prefilters() {}

  /** {@code [A-Za-z0-9_]}: {@code \w} without UNICODE_CHARACTER_CLASS. */
  private static final boolean[] WORD = table("_");
  /** The email local-part characters and the dot: what may precede the {@code @} of a match. */
  private static final boolean[] EMAIL_RUN = table("!#$%&'*+=?^_`{|}~-.");

  private static boolean[] table(String extra) {
    boolean[] t = new boolean[128];
    for (char c = '0'; c <= '9'; c++) {
      t[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      t[c] = true;
      t[c - 32] = true;
    }
    for (int i = 0; i < extra.length(); i++) {
      t[extra.charAt(i)] = true;
    }
    return t;
  }

  private static boolean in(boolean[] table, char c) {
    return c < 128 && table[c];
  }

  private static boolean word(char c) {
    return c < 128 && WORD[c];
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean digitAt(String s, int i) {
    return i < s.length() && digit(s.charAt(i));
  }

  /** The character before {@code i}; a space at the start (no look-behind here rejects a space). */
  private static char before(String s, int i) {
    return i > 0 ? s.charAt(i - 1) : ' ';
  }

  /** Digits in {@code s[from, min(to, length))}. */
  private static int digitsIn(String s, int from, int to) {
    int end = Math.min(to, s.length());
    int n = 0;
    for (int i = from; i < end; i++) {
      if (digit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /**
   * Email: a match contains exactly one {@code @} and, by its look-behind, starts where the run of
   * local-part characters and dots before that {@code @} starts. So the only candidate per
   * {@code @} is the start of that run.
   */
  static int email(ScanText t, int from) {
    String s = t.string();
    for (int at = s.indexOf('@', from); at >= 0; at = s.indexOf('@', at + 1)) {
      int i = at;
      while (i > from && in(EMAIL_RUN, s.charAt(i - 1))) {
        i--;
      }
      boolean runStartsBeforeFrom = i == from && i > 0 && in(EMAIL_RUN, s.charAt(i - 1));
      if (i < at && !runStartsBeforeFrom) {
        return i;
      }
    }
    return -1;
  }

  /*
   * The numeric patterns (phone, SSN, SIN, card, IBAN, IPv4) need a digit right after a
   * character that is not a digit (their look-behinds exclude \w, and E.164's "+", NANP's "(" and
   * IBAN's two letters are not digits): so every match starts at, or a fixed distance before, the
   * start of a run of digits. They walk the runs the ScanText found once for all of them.
   */

  /**
   * Phone: E.164 starts with {@code +[1-9]} (the digit starts a run); the North-American form
   * {@code (?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-]?)\d{3}[ .-]\d{4}} starts with a run of exactly one
   * digit (the {@code 1} then a separator), three digits (then a separator or {@code )}) or six
   * digits (then a separator), or at the {@code (} before a run of three; not after
   * {@code [\w.+-]}, and holds at least 10 digits in at most 16 characters.
   */
  static int phone(ScanText t, int from) {
    String s = t.string();
    for (int r = t.nextDigitRun(from); r >= 0; r = t.nextDigitRun(r + 1)) {
      int run = runLength(s, r);
      if (r - 1 >= from) {
        char c = s.charAt(r - 1);
        if (c == '+' && s.charAt(r) != '0') {
          return r - 1;
        }
        if (c == '(' && run == 3 && nanpStart(s, r - 1)) {
          return r - 1;
        }
      }
      if ((run == 1 || run == 3 || run == 6) && nanpStart(s, r)) {
        return r;
      }
    }
    return -1;
  }

  private static boolean nanpStart(String s, int i) {
    char b = before(s, i);
    return !word(b) && b != '.' && b != '+' && b != '-' && digitsIn(s, i, i + 16) >= 10;
  }

  /** The number of consecutive digits from {@code i}. */
  private static int runLength(String s, int i) {
    int j = i;
    while (j < s.length() && digit(s.charAt(j))) {
      j++;
    }
    return j - i;
  }

  /**
   * SSN {@code (\d{3})([- ]?)(\d{2})\2(\d{4})} and SIN {@code \d{3}([- ]?)\d{3}\1\d{3}}, not after
   * {@code [\w-]} and not before {@code \w}: nine digits in one run, or runs of 3, {@code middle}
   * and {@code last} digits joined by one repeated separator.
   */
  private static int nineDigits(ScanText t, int from, int middle, int last) {
    String s = t.string();
    for (int r = t.nextDigitRun(from); r >= 0; r = t.nextDigitRun(r + 1)) {
      char b = before(s, r);
      if (word(b) || b == '-') {
        continue;
      }
      int run = runLength(s, r);
      if (run == 9) {
        return r;
      }
      if (run == 3 && r + 3 < s.length()) {
        char sep = s.charAt(r + 3);
        int second = r + 4;
        int third = second + middle + 1;
        if ((sep == '-' || sep == ' ') && runLength(s, second) == middle && third - 1 < s.length()
            && s.charAt(third - 1) == sep && runLength(s, third) == last) {
          return r;
        }
      }
    }
    return -1;
  }

  static int ssn(ScanText t, int from) {
    return nineDigits(t, from, 2, 4);
  }

  static int sin(ScanText t, int from) {
    return nineDigits(t, from, 3, 3);
  }

  /** Card: a run not after {@code [\w.,-]} with 13 digits in the next 37 characters (19 digits, 18 separators). */
  static int card(ScanText t, int from) {
    String s = t.string();
    for (int r = t.nextDigitRun(from); r >= 0; r = t.nextDigitRun(r + 1)) {
      char b = before(s, r);
      if (!word(b) && b != '.' && b != ',' && b != '-' && digitsIn(s, r, r + 37) >= 13) {
        return r;
      }
    }
    return -1;
  }

  /** IBAN: {@code [A-Z]{2}\d{2}} not after {@code [A-Za-z0-9]}: two letters before a run of two or more digits. */
  static int iban(ScanText t, int from) {
    String s = t.string();
    for (int r = t.nextDigitRun(from + 2); r >= 0; r = t.nextDigitRun(r + 1)) {
      int i = r - 2;
      if (upper(s.charAt(i)) && upper(s.charAt(i + 1)) && digitAt(s, r + 1)) {
        char b = before(s, i);
        if (!word(b) || b == '_') {
          return i;
        }
      }
    }
    return -1;
  }

  /** IPv4: a run of one to three digits then a dot, not after {@code [\w.]}. */
  static int ipv4(ScanText t, int from) {
    String s = t.string();
    int len = s.length();
    for (int r = t.nextDigitRun(from); r >= 0; r = t.nextDigitRun(r + 1)) {
      char b = before(s, r);
      if (word(b) || b == '.') {
        continue;
      }
      int j = r + 1;
      while (j < len && j < r + 3 && digit(s.charAt(j))) {
        j++;
      }
      if (j < len && s.charAt(j) == '.') {
        return r;
      }
    }
    return -1;
  }

  /**
   * IPv6: by its look-ahead a match starts at most four hex digits before a colon, and by its
   * look-behind not after {@code [\w:.]}; so per colon the only candidate is the start of the run
   * of (at most four) hex digits before it.
   */
  static int ipv6(ScanText t, int from) {
    String s = t.string();
    for (int colon = s.indexOf(':', from); colon >= 0; colon = s.indexOf(':', colon + 1)) {
      int i = colon;
      while (i > from && colon - i < 4 && hex(s.charAt(i - 1))) {
        i--;
      }
      char b = before(s, i);
      if (!word(b) && b != ':' && b != '.') {
        return i;
      }
    }
    return -1;
  }
}
