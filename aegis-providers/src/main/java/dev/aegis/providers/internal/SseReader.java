package dev.aegis.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.error.StreamException;
import java.io.IOException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A blocking Server-Sent Events reader over a response body. Reading is pull-based on the
 * caller's thread, so back-pressure from the gateway's {@code ChunkSink} stops socket reads.
 * Handles LF, CRLF and CR line ends, comment lines (keep-alives), multi-line {@code data}, events
 * split across network reads and UTF-8 characters split across reads (okio decodes whole lines).
 *
 * <p>Not thread-safe: one reader per response.
 */
public final class SseReader {
  private final BufferedSource source;
  private final StringBuilder data = new StringBuilder();

  public SseReader(BufferedSource source) {
    this.source = source;
  }

  /** One event: its name ({@code null} for the default {@code message}) and its data. */
  public record Event(@Nullable String name, String data) {}

  /** The next event, or {@code null} at the end of the stream. */
  public @Nullable Event next() throws IOException {
    String name = null;
    data.setLength(0);
    boolean hasData = false;
    while (true) {
      String line = readLine();
      if (line == null) {
        return hasData ? new Event(name, data.toString()) : null;
      }
      if (line.isEmpty()) {
        if (hasData) {
          return new Event(name, data.toString());
        }
        name = null;
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (!value.isEmpty() && value.charAt(0) == ' ') {
        value = value.substring(1);
      }
      switch (field) {
        case "data":
          if (hasData) {
            data.append('\n');
          }
          data.append(value);
          hasData = true;
          break;
        case "event":
          name = value;
          break;
        default:
          // id, retry and unknown fields carry nothing the adapters use
          break;
      }
    }
  }

  /**
   * The next event with data, parsed as JSON (for streams whose events are each one JSON document,
   * so the event name carries nothing: Anthropic, Gemini); {@code null} at the end of the stream.
   * Events with blank data are skipped.
   *
   * @throws StreamException (retryable) for data that is not JSON
   */
  public @Nullable JsonNode nextJson(String provider) throws IOException {
    for (Event e; (e = next()) != null; ) {
      if (e.data().isBlank()) continue;
      try {
        return Json.read(e.data());
      } catch (IOException malformed) {
        throw new StreamException(provider, "malformed stream event from " + provider, true, malformed);
      }
    }
    return null;
  }

  /** Reads a line ending in LF, CRLF or a lone CR; {@code null} at the end of input. */
  private @Nullable String readLine() throws IOException {
    long lf = source.indexOf((byte) '\n');
    long cr = source.indexOf((byte) '\r', 0, lf < 0 ? Long.MAX_VALUE : lf);
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      String line = source.readUtf8(cr);
      source.skip(1);
      if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
      return line;
    }
    if (lf >= 0) {
      return source.readUtf8LineStrict();
    }
    if (source.exhausted()) {
      return null;
    }
    return source.readUtf8();
  }
}
