package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict UTF-8: well-formed text passes, each malformation the JDK would replace with U+FFFD fails. */
class Utf8Test {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain ascii", "22 °C", "✓ check", "😀 emoji", "\u07FF\u0800\uFFFF", "\uD83D\uDE00"})
  void wellFormed(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
    assertThat(Utf8.decodeOrNull(b)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "C3 28",        // bad continuation
      "C3",           // cut sequence
      "C0 AF",        // overlong '/'
      "E0 80 AF",     // overlong, three bytes
      "ED A0 80",     // UTF-16 surrogate
      "F0 8F BF BF",  // overlong, four bytes
      "F4 90 80 80",  // above U+10FFFF
      "F5 80 80 80",  // invalid lead byte
      "80",           // lone continuation
      "FF"})
  void malformed(String hex) {
    String[] parts = hex.split(" ");
    byte[] b = new byte[parts.length + 2];
    b[0] = 'a';
    for (int i = 0; i < parts.length; i++) b[i + 1] = (byte) Integer.parseInt(parts[i], 16);
    b[b.length - 1] = 'z';
    assertThat(Utf8.isValid(b, 0, b.length)).isFalse();
    assertThat(Utf8.decodeOrNull(b)).isNull();
  }
}
