package dev.aegis.providers.internal;

import dev.aegis.api.error.ProviderErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of a streamed body (SSE, NDJSON) on the caller's thread, each one bounded and
 * strictly decoded: a line longer than the limit is a {@link BodyFault} naming the limit (reading
 * stops there, nothing more is buffered), and a line that is not valid UTF-8 is a {@link BodyFault}
 * too, never text with U+FFFD in it. Lines end in LF, CRLF or (for SSE) a lone CR.
 *
 * <p>Not thread-safe: one reader per response.
 */
final class LineReader {
  private final BufferedSource source;
  private final long maxLineBytes;
  private final boolean loneCr;
  private final String what;
  private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

  /**
   * @param maxLineBytes the longest line accepted, in bytes
   * @param loneCr whether a lone CR also ends a line (SSE) or is content (NDJSON)
   * @param what the unit named in errors ("stream event", "stream line")
   */
  LineReader(BufferedSource source, long maxLineBytes, boolean loneCr, String what) {
    this.source = source;
    this.maxLineBytes = maxLineBytes;
    this.loneCr = loneCr;
    this.what = what;
  }

  /** The next line without its terminator, or {@code null} at the end of input. */
  @Nullable String readLine() throws IOException {
    long limit = maxLineBytes + 1;
    long lf = source.indexOf((byte) '\n', 0, limit);
    long cr = loneCr ? source.indexOf((byte) '\r', 0, lf < 0 ? limit : lf) : -1;
    if (cr >= 0) {
      String line = decode(cr);
      source.skip(1);
      if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
      return line;
    }
    if (lf >= 0) {
      long end = lf > 0 && source.getBuffer().getByte(lf - 1) == '\r' ? lf - 1 : lf;
      String line = decode(end);
      source.skip(lf - end + 1);
      return line;
    }
    if (source.getBuffer().size() > maxLineBytes) {
      throw tooLong();
    }
    if (source.exhausted()) {
      return null;
    }
    // the body ended without a final line break: what is left is the last line
    return decode(source.getBuffer().size());
  }

  BodyFault tooLong() {
    return new BodyFault(ProviderErrorCode.RESPONSE_TOO_LARGE,
        "one " + what + " is larger than the limit of " + maxLineBytes + " bytes", null, null);
  }

  String what() {
    return what;
  }

  long maxLineBytes() {
    return maxLineBytes;
  }

  private String decode(long length) throws IOException {
    if (length == 0) {
      return "";
    }
    Buffer buffer = source.getBuffer();
    if (isAscii(buffer, length)) {
      // the common case (JSON events are mostly ASCII): checked in place, one allocation as before
      return buffer.readUtf8(length);
    }
    byte[] bytes = buffer.readByteArray(length);
    if (!Utf8.isValid(bytes, 0, bytes.length)) {
      throw new BodyFault(ProviderErrorCode.INVALID_RESPONSE, "a " + what + " is not valid UTF-8", bytes, null);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Whether the first {@code length} buffered bytes are all ASCII, read in place (no copy). */
  private boolean isAscii(Buffer buffer, long length) {
    buffer.readUnsafe(cursor);
    try {
      long seen = 0;
      for (int n = cursor.seek(0); n != -1 && seen < length; n = cursor.next()) {
        byte[] data = cursor.data;
        int end = (int) Math.min(cursor.end, cursor.start + (length - seen));
        for (int i = cursor.start; i < end; i++) {
          if (data[i] < 0) {
            return false;
          }
        }
        seen += end - cursor.start;
      }
      return true;
    } finally {
      cursor.close();
    }
  }
}
