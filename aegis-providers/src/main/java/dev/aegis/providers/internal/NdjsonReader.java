package dev.aegis.providers.internal;

import java.io.IOException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A blocking reader of newline-delimited JSON (Ollama's streaming format): one non-blank line at
 * a time, pulled on the caller's thread.
 *
 * <p>Not thread-safe: one reader per response.
 */
public final class NdjsonReader {
  private final BufferedSource source;

  public NdjsonReader(BufferedSource source) {
    this.source = source;
  }

  /** The next non-blank line, or {@code null} at the end of the stream. */
  public @Nullable String next() throws IOException {
    while (true) {
      String line = source.readUtf8Line();
      if (line == null) {
        return null;
      }
      if (!line.isBlank()) {
        return line;
      }
    }
  }
}
