package dev.aegis.providers.internal;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for provider bodies: the JDK's and Okio's decoders replace invalid bytes with
 * U+FFFD, which would hide a corrupt answer, so bodies are checked here first (an ASCII run costs
 * one comparison per byte). Rejects overlong forms, surrogates and code points above U+10FFFF.
 *
 * <p>Stateless and thread-safe.
 */
public final class Utf8 {
  private Utf8() {}

  /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
  public static boolean isValid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int n = sequenceLength(bytes, i, to);
      if (n < 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** Decodes well-formed UTF-8, or returns {@code null} when it is not. */
  public static @org.jspecify.annotations.Nullable String decodeOrNull(byte[] bytes) {
    return isValid(bytes, 0, bytes.length) ? new String(bytes, StandardCharsets.UTF_8) : null;
  }

  /** The length of the multi-byte sequence at {@code i}, or -1 when it is malformed or cut. */
  private static int sequenceLength(byte[] b, int i, int to) {
    int lead = b[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return i + 1 < to && cont(b[i + 1]) ? 2 : -1;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      if (i + 2 >= to || !cont(b[i + 1]) || !cont(b[i + 2])) return -1;
      int second = b[i + 1] & 0xFF;
      if (lead == 0xE0 && second < 0xA0) return -1; // overlong
      if (lead == 0xED && second > 0x9F) return -1; // surrogate
      return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      if (i + 3 >= to || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) return -1;
      int second = b[i + 1] & 0xFF;
      if (lead == 0xF0 && second < 0x90) return -1; // overlong
      if (lead == 0xF4 && second > 0x8F) return -1; // above U+10FFFF
      return 4;
    }
    return -1;
  }

  private static boolean cont(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
