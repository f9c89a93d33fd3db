package dev.aegis.guardrails.internal;

/**
 * Check-digit and plausibility tests used to validate regex candidates. They read digits straight
 * from the text and skip separators, so validation allocates nothing.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checksums {
  private Checksums() {}

  /** Number of ASCII digits in {@code text[start, end)}. */
  public static int digitCount(CharSequence text, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** Whether the digits of {@code text[start, end)} (separators ignored) pass the Luhn check. */
  public static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = end - 1; i >= start; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  /**
   * The first {@code count} digits of {@code text[start, end)} as a number (separators skipped),
   * for brand-prefix and range checks.
   */
  public static int leadingDigits(CharSequence text, int start, int end, int count) {
    int value = 0;
    int seen = 0;
    for (int i = start; i < end && seen < count; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        seen++;
      }
    }
    return value;
  }

  /**
   * Whether the IBAN in {@code text[start, end)} (spaces ignored) passes ISO 13616 mod-97: the
   * first four characters move to the end, letters become 10..35, and the number mod 97 is 1.
   */
  public static boolean ibanMod97(CharSequence text, int start, int end) {
    int remainder = 0;
    int seen = 0;
    // two passes over the same characters instead of building the rearranged string
    for (int pass = 0; pass < 2; pass++) {
      seen = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c == ' ') {
          continue;
        }
        boolean head = seen < 4;
        seen++;
        if (head == (pass == 0)) {
          continue;
        }
        int v;
        if (c >= '0' && c <= '9') {
          v = c - '0';
          remainder = (remainder * 10 + v) % 97;
        } else if (c >= 'A' && c <= 'Z') {
          v = c - 'A' + 10;
          remainder = (remainder * 100 + v) % 97;
        } else if (c >= 'a' && c <= 'z') {
          v = c - 'a' + 10;
          remainder = (remainder * 100 + v) % 97;
        } else {
          return false;
        }
      }
    }
    return remainder == 1;
  }
}
