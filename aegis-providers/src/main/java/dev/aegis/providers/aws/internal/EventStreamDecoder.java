package dev.aegis.providers.aws.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.providers.internal.BodyFault;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * A blocking decoder of {@code application/vnd.amazon.eventstream} frames over a response body,
 * pulled on the caller's thread (so a blocked consumer stops socket reads).
 *
 * <p>Frame layout: total length (4), headers length (4), prelude CRC32 (4), headers, payload,
 * message CRC32 (4), all big-endian. The prelude CRC is checked before any length is trusted, so a
 * corrupted length can neither allocate nor wait for bytes that will never come; frames larger
 * than {@link #MAX_MESSAGE} are refused. Every malformation is an {@link EventStreamException}.
 *
 * <p>Entry point for benchmarks: {@code new EventStreamDecoder(new Buffer().write(bytes))} then
 * {@link #next()} until {@code null}.
 *
 * <p>Not thread-safe: one decoder per response.
 */
public final class EventStreamDecoder {
  /** The largest frame accepted (the service limit is 16 MiB of payload plus 128 KiB of headers). */
  public static final int MAX_MESSAGE = 16 * 1024 * 1024 + 128 * 1024 + 16;
  private static final int PRELUDE = 12;
  private static final int MIN_MESSAGE = PRELUDE + 4;

  private final BufferedSource source;
  private final long maxMessage;
  private final CRC32 crc = new CRC32();

  public EventStreamDecoder(BufferedSource source) {
    this(source, MAX_MESSAGE);
  }

  /**
   * A decoder refusing frames longer than {@code maxMessage} bytes (the adapter's per-event limit)
   * with a {@link BodyFault} naming the limit, before any of the frame is buffered.
   */
  public EventStreamDecoder(BufferedSource source, long maxMessage) {
    this.source = source;
    this.maxMessage = Math.min(maxMessage, MAX_MESSAGE);
  }

  /**
   * The next frame, or {@code null} at a clean end of the body (between frames).
   *
   * @throws EventStreamException on a malformed or truncated frame
   * @throws IOException when reading the body fails
   */
  public @Nullable EventStreamMessage next() throws IOException {
    if (source.exhausted()) {
      return null;
    }
    require(PRELUDE);
    byte[] prelude = source.getBuffer().readByteArray(PRELUDE);
    long total = be32(prelude, 0) & 0xffffffffL;
    long headersLength = be32(prelude, 4) & 0xffffffffL;
    long preludeCrc = be32(prelude, 8) & 0xffffffffL;
    crc.reset();
    crc.update(prelude, 0, 8);
    if (crc.getValue() != preludeCrc) {
      throw new EventStreamException("Prelude checksum mismatch");
    }
    if (total < MIN_MESSAGE || total > MAX_MESSAGE) {
      throw new EventStreamException("impossible message length " + total);
    }
    if (total > maxMessage) {
      throw new BodyFault(ProviderErrorCode.RESPONSE_TOO_LARGE,
          "one stream event is larger than the limit of " + maxMessage + " bytes", null, null);
    }
    if (headersLength > total - MIN_MESSAGE) {
      throw new EventStreamException("headers length " + headersLength + " exceeds message length " + total);
    }
    int rest = (int) total - PRELUDE;
    require(rest);
    byte[] body = source.getBuffer().readByteArray(rest);
    crc.update(prelude, 8, 4);
    crc.update(body, 0, rest - 4);
    if (crc.getValue() != (be32(body, rest - 4) & 0xffffffffL)) {
      throw new EventStreamException("Message checksum mismatch");
    }
    List<EventStreamMessage.Header> headers = parseHeaders(body, (int) headersLength);
    byte[] payload = new byte[rest - 4 - (int) headersLength];
    System.arraycopy(body, (int) headersLength, payload, 0, payload.length);
    return new EventStreamMessage(headers, payload);
  }

  private void require(int n) throws IOException {
    try {
      source.require(n);
    } catch (EOFException e) {
      EventStreamException truncated = new EventStreamException("truncated frame: the body ended inside a message");
      truncated.initCause(e); // the EOF marks it as a cut body rather than a malformed one
      throw truncated;
    }
  }

  private static List<EventStreamMessage.Header> parseHeaders(byte[] b, int length) throws EventStreamException {
    List<EventStreamMessage.Header> headers = new ArrayList<>(4);
    int i = 0;
    while (i < length) {
      int nameLength = b[i++] & 0xff;
      if (nameLength == 0 || i + nameLength + 1 > length) {
        throw new EventStreamException("malformed header name at offset " + (i - 1));
      }
      String name = new String(b, i, nameLength, StandardCharsets.UTF_8);
      i += nameLength;
      int type = b[i++];
      Object value;
      switch (type) {
        case EventStreamMessage.BOOL_TRUE: value = Boolean.TRUE; break;
        case EventStreamMessage.BOOL_FALSE: value = Boolean.FALSE; break;
        case EventStreamMessage.BYTE:
          check(i, 1, length, name);
          value = b[i];
          i += 1;
          break;
        case EventStreamMessage.INT16:
          check(i, 2, length, name);
          value = (short) (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
          i += 2;
          break;
        case EventStreamMessage.INT32:
          check(i, 4, length, name);
          value = be32(b, i);
          i += 4;
          break;
        case EventStreamMessage.INT64:
        case EventStreamMessage.TIMESTAMP:
          check(i, 8, length, name);
          value = ((long) be32(b, i) << 32) | (be32(b, i + 4) & 0xffffffffL);
          i += 8;
          break;
        case EventStreamMessage.BYTE_ARRAY:
        case EventStreamMessage.STRING: {
          check(i, 2, length, name);
          int len = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
          i += 2;
          check(i, len, length, name);
          value = type == EventStreamMessage.STRING
              ? new String(b, i, len, StandardCharsets.UTF_8)
              : java.util.Arrays.copyOfRange(b, i, i + len);
          i += len;
          break;
        }
        case EventStreamMessage.UUID:
          check(i, 16, length, name);
          value = java.util.Arrays.copyOfRange(b, i, i + 16);
          i += 16;
          break;
        default:
          throw new EventStreamException("unknown header type " + type + " for header '" + name + "'");
      }
      headers.add(new EventStreamMessage.Header(name, type, value));
    }
    return headers;
  }

  private static void check(int offset, int size, int length, String name) throws EventStreamException {
    if (offset + size > length) {
      throw new EventStreamException("header '" + name + "' overruns the headers section");
    }
  }

  private static int be32(byte[] b, int i) {
    return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
  }
}
