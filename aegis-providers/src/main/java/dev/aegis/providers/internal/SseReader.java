package dev.aegis.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.error.ProviderErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A blocking Server-Sent Events reader over a response body. Reading is pull-based on the
 * caller's thread, so back-pressure from the gateway's {@code ChunkSink} stops socket reads.
 * Handles LF, CRLF and CR line ends, comment lines (keep-alives), {@code data:} with or without
 * the space, multi-line {@code data}, and events and UTF-8 characters split across network reads.
 *
 * <p>Stricter than the SSE specification where a provider body calls for it (see
 * docs/design/sse-framing.md for why this framer, not okhttp-sse's): bytes that are not valid
 * UTF-8, an event larger than the limit, and a line that is no SSE field (an HTML error page
 * served with status 200) are each a {@link BodyFault}; the content type is not checked, as some
 * compatible servers stream SSE under other types.
 *
 * <p>Not thread-safe: one reader per response.
 */
public final class SseReader {
  /** The default cap on one event's data, 1 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

  private final LineReader lines;
  private final StringBuilder data = new StringBuilder();

  public SseReader(BufferedSource source) {
    this(source, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseReader(BufferedSource source, long maxEventBytes) {
    this.lines = new LineReader(source, maxEventBytes, true, "stream event");
  }

  /** One event: its name ({@code null} for the default {@code message}) and its data. */
  public record Event(@Nullable String name, String data) {}

  /** The next event, or {@code null} at the end of the stream. */
  public @Nullable Event next() throws IOException {
    String name = null;
    data.setLength(0);
    boolean hasData = false;
    while (true) {
      String line = lines.readLine();
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
          if (data.length() > lines.maxLineBytes()) {
            throw lines.tooLong();
          }
          hasData = true;
          break;
        case "event":
          name = value;
          break;
        case "id":
        case "retry":
          break; // nothing the adapters use
        default:
          throw new BodyFault(ProviderErrorCode.INVALID_RESPONSE, "the body is not an event stream",
              line.getBytes(StandardCharsets.UTF_8), null);
      }
    }
  }

  /**
   * The next event with data, parsed as JSON (for streams whose events are each one JSON document,
   * so the event name carries nothing: Anthropic, Gemini); {@code null} at the end of the stream.
   * Events with blank data are skipped.
   *
   * @throws BodyFault for data that is not JSON
   */
  public @Nullable JsonNode nextJson() throws IOException {
    for (Event e; (e = next()) != null; ) {
      if (e.data().isBlank()) continue;
      try {
        return Json.read(e.data());
      } catch (IOException malformed) {
        throw BodyFault.invalidEvent("a stream event", e.data(), malformed);
      }
    }
    return null;
  }
}
