package dev.aegis.providers.internal;

import java.io.IOException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A blocking reader of newline-delimited JSON (Ollama's streaming format): one non-blank line at
 * a time, pulled on the caller's thread, each line bounded (a {@link BodyFault} naming the limit)
 * and strictly UTF-8 (a {@link BodyFault}, never U+FFFD).
 *
 * <p>Not thread-safe: one reader per response.
 */
public final class NdjsonReader {
  private final LineReader lines;

  public NdjsonReader(BufferedSource source) {
    this(source, SseReader.DEFAULT_MAX_EVENT_BYTES);
  }

  public NdjsonReader(BufferedSource source, long maxLineBytes) {
    this.lines = new LineReader(source, maxLineBytes, false, "stream line");
  }

  /** The next non-blank line, or {@code null} at the end of the stream. */
  public @Nullable String next() throws IOException {
    while (true) {
      String line = lines.readLine();
      if (line == null) {
        return null;
      }
      if (!line.isBlank()) {
        return line;
      }
    }
  }
}
