package dev.aegis.guardrails.internal;

/**
 * Validates IPv6 text (RFC 4291 forms, including {@code ::} compression and an embedded IPv4
 * tail) without allocating. Requires at least one decimal digit, so that hex-only words joined by
 * {@code ::} ({@code dead::beef}, C++ scopes) are not reported.
 *
 * <p>Stateless and thread-safe.
 */
final class Ipv6 {
  private Ipv6() {}

  static boolean valid(CharSequence s, int start, int end) {
    int groups = 0;
    boolean compressed = false;
    boolean digit = false;
    int i = start;
    if (end - start >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
      compressed = true;
      i += 2;
      if (i == end) {
        return false;
      }
    } else if (s.charAt(i) == ':') {
      return false;
    }
    while (i < end) {
      int groupStart = i;
      int hex = 0;
      while (i < end && isHex(s.charAt(i))) {
        digit |= Character.isDigit(s.charAt(i));
        i++;
        hex++;
      }
      if (i < end && s.charAt(i) == '.') {
        // embedded IPv4 tail: it counts as two groups and must end the address
        if (!ipv4(s, groupStart, end)) {
          return false;
        }
        groups += 2;
        digit = true;
        break;
      }
      if (hex == 0 || hex > 4) {
        return false;
      }
      groups++;
      if (i == end) {
        break;
      }
      // s.charAt(i) == ':'
      i++;
      if (i < end && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    return compressed ? groups <= 7 && groups >= 1 : groups == 8;
  }

  private static boolean ipv4(CharSequence s, int start, int end) {
    int parts = 0;
    int i = start;
    while (i <= end) {
      int value = 0;
      int len = 0;
      while (i < end && Character.isDigit(s.charAt(i))) {
        value = value * 10 + (s.charAt(i) - '0');
        len++;
        i++;
      }
      if (len == 0 || len > 3 || value > 255) {
        return false;
      }
      parts++;
      if (i == end) {
        break;
      }
      if (s.charAt(i) != '.') {
        return false;
      }
      i++;
    }
    return parts == 4;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
