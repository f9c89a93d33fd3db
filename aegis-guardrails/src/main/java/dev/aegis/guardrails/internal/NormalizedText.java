package dev.aegis.guardrails.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Text prepared for matching evasive input: NFKC-normalised (per code point), case-folded,
 * zero-width characters removed, every kind of space (no-break, em, ideographic, ...) turned into
 * a plain space and runs of whitespace collapsed into one. It remembers, for every normalised
 * character, the span of the original text it came from, so findings map back to offsets in the
 * original.
 *
 * <p>ASCII text takes a fast path: one byte per character, scanned through {@link #chars()}
 * without a String copy, and no offset tables (offsets are the original ones, or rebuilt on first
 * use when whitespace runs were collapsed). Otherwise non-ASCII
 * code points go through {@link Normalizer}.
 *
 * <p>Thread-safe: what is built lazily (the offset table, the String form) is immutable and safely
 * published through final fields, so a race only builds it twice.
 */
public final class NormalizedText {
  /** The normalised chars: a view of the ASCII bytes, or the normalised String. */
  private final CharSequence chars;
  private @Nullable String text;
  /** The original text, for mapping offsets back lazily (ASCII texts only). */
  private final @Nullable String original;
  /** Null until needed; null forever when normalised offsets equal original ones. */
  private @Nullable Mapping mapping;

  private NormalizedText(CharSequence chars, @Nullable String text, @Nullable String original,
      @Nullable Mapping mapping) {
    this.chars = chars;
    this.text = text;
    this.original = original;
    this.mapping = mapping;
  }

  /** A read-only view of normalised ASCII bytes, so scanning needs no String copy of them. */
  private static final class AsciiChars implements CharSequence {
    private final byte[] bytes;
    private final int length;

    AsciiChars(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index >= length) {
        throw new StringIndexOutOfBoundsException(index);
      }
      return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (start < 0 || end > length || start > end) {
        throw new StringIndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
      }
      return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** ASCII normalised: upper case to lower, the six ASCII whitespace chars to a space. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
      ASCII[c] = (byte) (space ? ' ' : c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }

  /** Per normalised char, the span of the original it came from. Immutable once built. */
  private static final class Mapping {
    final int[] starts;
    final int[] ends;

    Mapping(int[] starts, int[] ends) {
      this.starts = starts;
      this.ends = ends;
    }
  }

  /** Normalises {@code original}. */
  public static NormalizedText of(CharSequence original) {
    String s = original.toString();
    return of(s, latin1(s));
  }

  /**
   * The Latin-1 bytes of {@code s}: exact for every char up to U+00FF, {@code '?'} for the others
   * (a plain array copy for a Latin-1 string, so scanners loop over bytes instead of calling
   * {@link String#charAt}, which tests the string's coder on every call).
   */
  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Normalises {@code s}, whose {@linkplain #latin1 Latin-1 bytes} are {@code latin1}. The bytes
   * are consumed: an ASCII text is normalised in place (each normalised char is written at or
   * before the position it is read from), so the caller must not read them afterwards.
   */
  static NormalizedText of(String s, byte[] latin1) {
    int n = latin1.length;
    // ASCII fast path: one byte per char and no offset arrays; a char maps to itself unless a
    // whitespace run was collapsed, and then the offsets are rebuilt only if a finding needs them
    byte[] out = latin1;
    int size = 0;
    boolean collapsed = false;
    byte last = 0;
    for (int i = 0; i < n; i++) {
      byte c = latin1[i];
      // a negative byte is U+0080..U+00FF; a '?' that is not one in the string stands for a char
      // above U+00FF
      if (c < 0 || (c == '?' && s.charAt(i) != '?')) {
        return general(s);
      }
      byte b = ASCII[c];
      if ((b == ' ') & (last == ' ')) {
        collapsed = true;
        continue;
      }
      out[size++] = b;
      last = b;
    }
    return new NormalizedText(new AsciiChars(out, size), null, collapsed ? s : null, null);
  }

  /** The general path: per code point, with NFKC and case folding for non-ASCII. */
  private static NormalizedText general(CharSequence original) {
    int n = original.length();
    Collector out = new Collector(n);
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(original, i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80) {
        boolean space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x0B;
        out.put(space ? ' ' : (char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), i, next);
      } else if (isInvisible(cp)) {
        // dropped: zero-width joiners and soft hyphens split keywords without showing
      } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        out.put(' ', i, next);
      } else {
        String folded = fold(cp);
        for (int k = 0; k < folded.length(); k++) {
          out.put(folded.charAt(k), i, next);
        }
      }
      i = next;
    }
    String text = out.sb.toString();
    return new NormalizedText(text, text, null, new Mapping(out.starts, out.ends));
  }

  /** The offsets of an ASCII text whose whitespace runs were collapsed. */
  private Mapping mapping() {
    Mapping m = mapping;
    if (m == null) {
      m = general(original).mapping;
      mapping = m;
    }
    return m;
  }

  /** Normalises a keyword or phrase the same way, without keeping offsets. */
  public static String normalize(CharSequence original) {
    return of(original).text().strip();
  }

  /** The normalised text. */
  public String text() {
    String t = text;
    if (t == null) {
      t = chars.toString();
      text = t;
    }
    return t;
  }

  /**
   * The normalised text as ASCII bytes when it is ASCII (its length is {@code chars().length()};
   * the array may be longer), else null: the fast form for scanners that loop over every char.
   */
  public byte @Nullable [] ascii() {
    return chars instanceof AsciiChars a ? a.bytes : null;
  }

  /**
   * The normalised text as one byte per char, every char above U+007F replaced by {@code 0xFF}
   * (which no ASCII test accepts): for scanners whose every literal is ASCII. The
   * {@linkplain #ascii ASCII bytes} themselves when the text is ASCII, else made on each call.
   */
  public byte[] asciiOrMarked() {
    byte[] a = ascii();
    if (a != null) {
      return a;
    }
    String t = text();
    byte[] b = new byte[t.length()];
    for (int i = 0; i < b.length; i++) {
      char c = t.charAt(i);
      b[i] = c < 0x80 ? (byte) c : (byte) 0xFF;
    }
    return b;
  }

  /** The normalised text as chars to scan, without copying it into a String. */
  public CharSequence chars() {
    return chars;
  }

  /** The original start offset of the normalised range starting at {@code index}. */
  public int originalStart(int index) {
    return mapping == null && original == null ? index : mapping().starts[index];
  }

  /** The original end offset (exclusive) of the normalised range ending before {@code end}. */
  public int originalEnd(int end) {
    return mapping == null && original == null ? end : mapping().ends[end - 1];
  }

  private static boolean isInvisible(int cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF
        || cp == 0x00AD || cp == 0x180E || cp == 0x034F || (cp >= 0x2061 && cp <= 0x2064);
  }

  private static String fold(int cp) {
    String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    // upper then lower approximates Unicode case folding (e.g. the German sharp s becomes "ss")
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /** Accumulates normalised chars with their source spans, collapsing runs of spaces. */
  private static final class Collector {
    final StringBuilder sb;
    int[] starts;
    int[] ends;
    int size;

    Collector(int capacity) {
      sb = new StringBuilder(capacity);
      starts = new int[capacity + 8];
      ends = new int[capacity + 8];
    }

    void put(char c, int from, int to) {
      if (c == ' ' && size > 0 && sb.charAt(size - 1) == ' ') {
        return;
      }
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      sb.append(c);
      starts[size] = from;
      ends[size] = to;
      size++;
    }
  }

}
