package dev.aegis.guardrails.internal;

import static dev.aegis.guardrails.detect.FindingTypes.*;

import dev.aegis.guardrails.internal.PatternDetector.Validator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in PII and secret detectors: one precompiled pattern each, plus validators that
 * reject what a regex cannot (checksums, impossible ranges, URL user-info).
 *
 * <p>Every field is immutable and thread-safe.
 */
public final class Builtins {
  private Builtins() {}

  private static final String LOCAL = "A-Za-z0-9!#$%&'*+=?^_`{|}~\\-";

  public static final PatternDetector EMAIL_DETECTOR = new PatternDetector("email", EMAIL,
      // bounded repetitions: java.util.regex recurses per group iteration, and RFC 5321 caps
      // the local part at 64 characters anyway
      Pattern.compile("(?<![" + LOCAL + ".])[" + LOCAL + "]{1,64}(?:\\.[" + LOCAL + "]{1,64}){0,15}"
          + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}([A-Za-z]{2,24})(?![A-Za-z0-9-])"),
      0, 0.95, Builtins::plausibleEmail, Prefilters::email, SpanMatchers.EMAIL);

  public static final PatternDetector PHONE_DETECTOR = new PatternDetector("phone", PHONE,
      Pattern.compile(
          // E.164, optionally grouped: +<country> then digit groups
          "(?<![\\w+])\\+[1-9](?:[ .-]?\\(?\\d{1,4}\\)?){2,7}(?![\\w-]|\\.\\d)"
          // North American: [1-] area exchange-line, with at least the last separator
          + "|(?<![\\w.+-])(?:1[ .-])?(?:\\(\\d{3}\\) ?|\\d{3}[ .-]?)\\d{3}[ .-]\\d{4}(?![\\w-]|\\.\\d)"),
      0, 0.8, Builtins::plausiblePhone, Prefilters::phone);

  public static final PatternDetector SSN_DETECTOR = new PatternDetector("us-ssn", SSN,
      Pattern.compile("(?<![\\w-])(\\d{3})([- ]?)(\\d{2})\\2(\\d{4})(?![\\w-]|[ ]\\d)"),
      0, 0.85, Builtins::plausibleSsn, Prefilters::ssn);

  public static final PatternDetector CA_SIN_DETECTOR = new PatternDetector("ca-sin", CA_SIN,
      Pattern.compile("(?<![\\w-])\\d{3}([- ]?)\\d{3}\\1\\d{3}(?![\\w-]|[ ]\\d)"),
      0, 0.8, Builtins::plausibleSin, Prefilters::sin);

  public static final PatternDetector CARD_DETECTOR = new PatternDetector("payment-card", CREDIT_CARD,
      Pattern.compile("(?<![\\w.,-])\\d(?:[ -]?\\d){12,18}(?!\\w|[.,]\\d)"),
      0, 0.95, Builtins::plausibleCard, Prefilters::card, SpanMatchers.CARD);

  public static final PatternDetector IBAN_DETECTOR = new PatternDetector("iban", IBAN,
      Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])"),
      0, 0.95, Builtins::plausibleIban, Prefilters::iban);

  public static final PatternDetector IPV4_DETECTOR = new PatternDetector("ipv4", IP_ADDRESS,
      Pattern.compile("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
          + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)"),
      0, 0.8, Validator.ANY, Prefilters::ipv4);

  public static final PatternDetector IPV6_DETECTOR = new PatternDetector("ipv6", IP_ADDRESS,
      Pattern.compile("(?<![\\w:.])(?=[0-9A-Fa-f]{0,4}::?[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}"
          + "(?:\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})?(?![\\w:.])"),
      0, 0.8, Builtins::validIpv6, Prefilters::ipv6);

  public static final PatternDetector AWS_DETECTOR = new PatternDetector("aws-access-key", AWS_ACCESS_KEY,
      // a key id followed by '_' is the head of a longer identifier (AKIA..._SUFFIX), not a key
      Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9_])"),
      0, 0.95, Validator.ANY, SecretAnchors.of(SecretAnchors.AWS));

  public static final PatternDetector OPENAI_DETECTOR = new PatternDetector("openai-key", OPENAI_KEY,
      Pattern.compile("(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9][A-Za-z0-9_-]{19,}"),
      0, 0.9, Builtins::notWords, SecretAnchors.of(SecretAnchors.OPENAI));

  public static final PatternDetector ANTHROPIC_DETECTOR = new PatternDetector("anthropic-key", ANTHROPIC_KEY,
      Pattern.compile("(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9][A-Za-z0-9_-]{19,}"),
      0, 0.95, Validator.ANY, SecretAnchors.of(SecretAnchors.ANTHROPIC));

  public static final PatternDetector GITHUB_DETECTOR = new PatternDetector("github-token", GITHUB_TOKEN,
      Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})(?![A-Za-z0-9_])"),
      0, 0.95, Validator.ANY, SecretAnchors.of(SecretAnchors.GITHUB));

  public static final PatternDetector SLACK_DETECTOR = new PatternDetector("slack-token", SLACK_TOKEN,
      Pattern.compile("(?<![A-Za-z0-9])xox[abeprs]-[A-Za-z0-9-]{10,}"),
      0, 0.9, Validator.ANY, SecretAnchors.of(SecretAnchors.SLACK));

  public static final PatternDetector GOOGLE_DETECTOR = new PatternDetector("google-api-key", GOOGLE_API_KEY,
      Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"),
      0, 0.9, Validator.ANY, SecretAnchors.of(SecretAnchors.GOOGLE));

  public static final PatternDetector JWT_DETECTOR = new PatternDetector("jwt", JWT,
      Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,}"),
      0, 0.9, Validator.ANY, SecretAnchors.of(SecretAnchors.JWT));

  public static final PatternDetector PRIVATE_KEY_DETECTOR = new PatternDetector("private-key", PRIVATE_KEY,
      Pattern.compile("-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"
          + "(?:[A-Za-z0-9+/=:,\\-\\s]{0,8192}?-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----"
          + "|[A-Za-z0-9+/=\\s]{0,8192})"),
      0, 0.99, Validator.ANY, SecretAnchors.of(SecretAnchors.PRIVATE_KEY));

  public static final PatternDetector BEARER_DETECTOR = new PatternDetector("bearer-token", BEARER_TOKEN,
      Pattern.compile("(?i:\\bbearer)\\s+([A-Za-z0-9._~+/-]{16,}=*)(?![A-Za-z0-9._~+/=-])"),
      1, 0.8, Builtins::mixedToken, SecretAnchors.of(SecretAnchors.BEARER));

  private static final Pattern SSN_CONTEXT = Pattern.compile("(?i)\\b(?:ssn|social security)\\b");
  private static final Pattern SIN_CONTEXT = Pattern.compile("(?i)\\b(?:sin|nas|social insurance)\\b");
  private static final int CONTEXT_CHARS = 40;

  static boolean plausibleEmail(CharSequence text, Matcher m) {
    return plausibleEmail(text, m.start(), m.start(1), m.end(1));
  }

  /** An email match starting at {@code start} whose top-level domain is {@code text[tld, tldEnd)}. */
  static boolean plausibleEmail(CharSequence text, int start, int tld, int tldEnd) {
    if (isFileExtension(text, tld, tldEnd)) {
      return false;
    }
    // user-info of a URL (scheme://user:pass@host) is not an email address
    for (int i = start - 1; i >= 0 && i >= start - 256; i--) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '(' || c == ',') {
        return true;
      }
      if (c == '/' && i > 0 && text.charAt(i - 1) == '/') {
        return false;
      }
    }
    return true;
  }

  private static final String[] FILE_EXTENSIONS = {
      "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "js", "css", "ts", "java"};

  /** Whether the top-level domain {@code text[start, end)} (ASCII letters) is a file extension, in any case. */
  private static boolean isFileExtension(CharSequence text, int start, int end) {
    int len = end - start;
    for (String ext : FILE_EXTENSIONS) {
      if (ext.length() != len) {
        continue;
      }
      int i = 0;
      while (i < len && (text.charAt(start + i) | 0x20) == ext.charAt(i)) {
        i++;
      }
      if (i == len) {
        return true;
      }
    }
    return false;
  }

  static boolean plausiblePhone(CharSequence text, Matcher m) {
    int start = m.start();
    int end = m.end();
    int digits = Checksums.digitCount(text, start, end);
    if (text.charAt(start) == '+') {
      if (digits < 8 || digits > 15) {
        return false;
      }
      if (Checksums.leadingDigits(text, start, end, 1) != 1) {
        return true;
      }
      return digits == 11 && nanp(text, start, end, 1);
    }
    if (digits == 11) {
      return Checksums.leadingDigits(text, start, end, 1) == 1 && nanp(text, start, end, 1);
    }
    return digits == 10 && nanp(text, start, end, 0);
  }

  /** Area code and exchange both start with 2-9 (after skipping {@code skip} leading digits). */
  private static boolean nanp(CharSequence text, int start, int end, int skip) {
    int lead = Checksums.leadingDigits(text, start, end, skip + 7);
    int area = (lead / 10_000) % 1000;
    int exchange = lead % 10_000 / 10;
    return area >= 200 && exchange >= 200;
  }

  static boolean plausibleSsn(CharSequence text, Matcher m) {
    int area = Integer.parseInt(m.group(1));
    int group = Integer.parseInt(m.group(3));
    int serial = Integer.parseInt(m.group(4));
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return false;
    }
    return !m.group(2).isEmpty() || hasContext(text, m.start(), SSN_CONTEXT);
  }

  static boolean plausibleSin(CharSequence text, Matcher m) {
    if (!Checksums.luhn(text, m.start(), m.end())) {
      return false;
    }
    return !m.group(1).isEmpty() || hasContext(text, m.start(), SIN_CONTEXT);
  }

  private static boolean hasContext(CharSequence text, int start, Pattern context) {
    Matcher c = context.matcher(text);
    c.region(Math.max(0, start - CONTEXT_CHARS), start);
    c.useTransparentBounds(true);
    return c.find();
  }

  static boolean plausibleCard(CharSequence text, Matcher m) {
    return plausibleCard(text, m.start(), m.end());
  }

  static boolean plausibleCard(CharSequence text, int start, int end) {
    if (!consistentSeparators(text, start, end)) {
      return false;
    }
    int len = Checksums.digitCount(text, start, end);
    return brandAccepts(Checksums.leadingDigits(text, start, end, 6), len) && Checksums.luhn(text, start, end);
  }

  /** Cards are written with one kind of separator (or none); mixed ones are something else. */
  private static boolean consistentSeparators(CharSequence text, int start, int end) {
    char sep = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        if (sep != 0 && sep != c) {
          return false;
        }
        sep = c;
      }
    }
    return true;
  }

  private static boolean brandAccepts(int iin6, int len) {
    int p1 = iin6 / 100_000;
    int p2 = iin6 / 10_000;
    int p3 = iin6 / 1_000;
    int p4 = iin6 / 100;
    if (p1 == 4) {
      return len == 13 || len == 16 || len == 19; // Visa
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) {
      return len >= 16 && len <= 19; // Discover
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16 && len <= 19; // JCB
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14 && len <= 19; // Diners Club
    }
    if (p2 == 62) {
      return len >= 16 && len <= 19; // UnionPay
    }
    if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763)) {
      return len >= 12 && len <= 19; // Maestro
    }
    return false;
  }

  static boolean plausibleIban(CharSequence text, Matcher m) {
    int start = m.start();
    int end = m.end();
    int len = 0;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) != ' ') {
        len++;
      }
    }
    int expected = IbanLengths.of(text.charAt(start), text.charAt(start + 1));
    return expected == len && Checksums.ibanMod97(text, start, end);
  }

  static boolean mixedToken(CharSequence text, Matcher m) {
    boolean letter = false;
    boolean digit = false;
    for (int i = m.start(1); i < m.end(1); i++) {
      char c = text.charAt(i);
      letter |= Character.isLetter(c);
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }

  /**
   * Whether an {@code sk-} match is a key rather than hyphenated lower-case words that happen to
   * start with {@code sk-} ({@code sk-antelope-migration-data}): after the optional kind prefix
   * ({@code proj-}, {@code svcacct-}, {@code admin-}), words are lower-case letters joined by
   * hyphens, while a key has a digit, an upper-case letter or an underscore, or no hyphen at all.
   */
  static boolean notWords(CharSequence text, Matcher m) {
    int from = m.start() + 3;
    for (String kind : OPENAI_KINDS) {
      if (startsWith(text, from, m.end(), kind)) {
        from += kind.length();
        break;
      }
    }
    boolean hyphen = false;
    for (int i = from; i < m.end(); i++) {
      char c = text.charAt(i);
      if (c == '-') {
        hyphen = true;
      } else if (c < 'a' || c > 'z') {
        return true;
      }
    }
    return !hyphen;
  }

  private static final String[] OPENAI_KINDS = {"proj-", "svcacct-", "admin-"};

  private static boolean startsWith(CharSequence text, int from, int end, String prefix) {
    if (end - from < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(from + i) != prefix.charAt(i)) return false;
    }
    return true;
  }

  static boolean validIpv6(CharSequence text, Matcher m) {
    return Ipv6.valid(text, m.start(), m.end());
  }
}
