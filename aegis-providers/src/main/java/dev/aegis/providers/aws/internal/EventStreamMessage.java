package dev.aegis.providers.aws.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One decoded event-stream frame: its headers in wire order and its payload.
 *
 * @param headers the headers, in the order they were sent
 * @param payload the payload bytes (shared, do not modify)
 *     <p>Immutable by convention and thread-safe.
 */
public record EventStreamMessage(List<Header> headers, byte[] payload) {

  /** Header value types, by wire code. */
  public static final int BOOL_TRUE = 0;
  public static final int BOOL_FALSE = 1;
  public static final int BYTE = 2;
  public static final int INT16 = 3;
  public static final int INT32 = 4;
  public static final int INT64 = 5;
  public static final int BYTE_ARRAY = 6;
  public static final int STRING = 7;
  public static final int TIMESTAMP = 8;
  public static final int UUID = 9;

  /**
   * One header.
   *
   * @param name the header name
   * @param type the wire type code (0-9)
   * @param value Boolean, Byte, Short, Integer, Long (int64 and timestamp millis), byte[]
   *     (byte array and UUID) or String
   */
  public record Header(String name, int type, Object value) {}

  /** The value of a header of type string, or {@code null} when absent. */
  public @Nullable String string(String name) throws EventStreamException {
    for (Header h : headers) {
      if (h.name().equals(name)) {
        if (h.type() != STRING) {
          throw new EventStreamException("header '" + name + "' must be a string but has type " + h.type());
        }
        return (String) h.value();
      }
    }
    return null;
  }

  /** The {@code :message-type} header ({@code event}, {@code exception} or {@code error}). */
  public String messageType() throws EventStreamException {
    String t = string(":message-type");
    if (t == null) {
      throw new EventStreamException("frame without a :message-type header");
    }
    return t;
  }

  /**
   * The frame's type: {@code :event-type} of an event, {@code :exception-type} of an exception,
   * {@code :error-code} of an error.
   */
  public String eventType() throws EventStreamException {
    String mt = messageType();
    String name = mt.equals("exception") ? ":exception-type" : mt.equals("error") ? ":error-code" : ":event-type";
    String t = string(name);
    if (t == null) {
      throw new EventStreamException(mt + " frame without a " + name + " header");
    }
    return t;
  }

  /** The payload as UTF-8 text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
