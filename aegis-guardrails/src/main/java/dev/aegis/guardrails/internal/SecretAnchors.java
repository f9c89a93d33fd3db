package dev.aegis.guardrails.internal;

/**
 * Where the built-in secret patterns can start, for all of them in one pass: every one starts
 * with a literal ({@code AKIA}, {@code sk-}, {@code ghp_}, {@code xox}, {@code AIza}, {@code eyJ},
 * {@code -----BEGIN }, {@code bearer} in any case...), so one walk over the text's Latin-1 bytes
 * with a bitset of the literals' first two chars finds them, and records per position which
 * detectors' literals start there. Each detector's {@link Candidates} then visits only its own
 * positions, instead of every detector walking the whole text.
 *
 * <p>Exact over the Latin-1 bytes: every literal is ASCII, and a char above U+00FF became
 * {@code '?'}, which no literal holds.
 *
 * <p>Stateless and thread-safe.
 */
final class SecretAnchors {
  private SecretAnchors() {}

  static final int AWS = 1;
  static final int OPENAI = 1 << 1;
  static final int ANTHROPIC = 1 << 2;
  static final int GITHUB = 1 << 3;
  static final int SLACK = 1 << 4;
  static final int GOOGLE = 1 << 5;
  static final int JWT = 1 << 6;
  static final int PRIVATE_KEY = 1 << 7;
  static final int BEARER = 1 << 8;

  /** The first two chars of every literal, as a bitset over {@code first << 8 | second}. */
  private static final long[] HEADS = new long[1 << 10];

  static {
    for (String head : new String[] {"AK", "AS", "AB", "AC", "AI", "sk", "gh", "gi", "xo", "ey", "--",
        "be", "bE", "Be", "BE"}) {
      int key = head.charAt(0) << 8 | head.charAt(1);
      HEADS[key >>> 6] |= 1L << key;
    }
  }

  /** The positions of {@code kind}'s literals, from the scan's shared pass. */
  static Candidates of(int kind) {
    return (t, from) -> t.nextSecretAnchor(kind, from);
  }

  /** Whether {@code b[i]} and {@code b[i + 1]} may start a literal (the caller checks {@code i + 1 < length}). */
  static boolean mayStart(byte[] b, int i) {
    int key = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    return (HEADS[key >>> 6] & (1L << key)) != 0;
  }

  /** The kinds whose literal starts at {@code i}. */
  static int kindsAt(byte[] b, int i) {
    switch (b[i]) {
      case 'A':
        return (aws(b, i) ? AWS : 0) | (at(b, i, "AIza") ? GOOGLE : 0);
      case 's':
        return at(b, i, "sk-") ? OPENAI | (at(b, i, "sk-ant-") ? ANTHROPIC : 0) : 0;
      case 'g':
        return github(b, i) ? GITHUB : 0;
      case 'x':
        return at(b, i, "xox") ? SLACK : 0;
      case 'e':
        return at(b, i, "eyJ") ? JWT : 0;
      case '-':
        return at(b, i, "-----BEGIN ") ? PRIVATE_KEY : 0;
      case 'b':
      case 'B':
        return bearer(b, i) ? BEARER : 0;
      default:
        return 0;
    }
  }

  private static boolean at(byte[] b, int i, String literal) {
    if (i + literal.length() > b.length) {
      return false;
    }
    for (int k = 0; k < literal.length(); k++) {
      if (b[i + k] != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code AKIA}, {@code ASIA}, {@code ABIA} or {@code ACCA}. */
  private static boolean aws(byte[] b, int i) {
    if (i + 4 > b.length || b[i + 3] != 'A') {
      return false;
    }
    byte c1 = b[i + 1];
    byte c2 = b[i + 2];
    return (c2 == 'I' && (c1 == 'K' || c1 == 'S' || c1 == 'B')) || (c1 == 'C' && c2 == 'C');
  }

  /** {@code gh[pousr]_} or {@code github_pat_}. */
  private static boolean github(byte[] b, int i) {
    if (i + 4 <= b.length && b[i + 1] == 'h' && b[i + 3] == '_') {
      byte c = b[i + 2];
      if (c == 'p' || c == 'o' || c == 'u' || c == 's' || c == 'r') {
        return true;
      }
    }
    return at(b, i, "github_pat_");
  }

  /** {@code bearer} in any ASCII case ({@code (?i)} without UNICODE_CASE). */
  private static boolean bearer(byte[] b, int i) {
    String bearer = "bearer";
    if (i + bearer.length() > b.length) {
      return false;
    }
    for (int k = 0; k < bearer.length(); k++) {
      if ((b[i + k] | 0x20) != bearer.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
