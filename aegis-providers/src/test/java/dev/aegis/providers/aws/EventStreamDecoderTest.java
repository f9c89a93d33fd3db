package dev.aegis.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.aws.internal.EventStreamDecoder;
import dev.aegis.providers.aws.internal.EventStreamException;
import dev.aegis.providers.aws.internal.EventStreamMessage;
import dev.aegis.providers.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The event-stream decoder against the aws-sdk-go codec vectors, the Smithy frames and the recorded bodies. */
class EventStreamDecoderTest {
  private static final String GO = "aws-eventstream/aws-sdk-go/testdata/";

  static List<EventStreamMessage> decodeAll(byte[] bytes) throws IOException {
    EventStreamDecoder d = new EventStreamDecoder(new Buffer().write(bytes));
    List<EventStreamMessage> out = new ArrayList<>();
    for (EventStreamMessage m; (m = d.next()) != null; ) out.add(m);
    return out;
  }

  @ParameterizedTest(name = "positive {0}")
  @ValueSource(strings = {"all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header"})
  void positiveVectorsDecodeExactly(String name) throws IOException {
    byte[] bytes = Fixtures.bytes(GO + "encoded/positive/" + name);
    JsonNode expected = Fixtures.json(GO + "decoded/positive/" + name);
    List<EventStreamMessage> all = decodeAll(bytes);
    assertThat(all).hasSize(1);
    EventStreamMessage m = all.get(0);
    assertThat(bytes.length).isEqualTo(expected.get("total_length").asInt());
    assertThat(be32(bytes, 4)).isEqualTo(expected.get("headers_length").asInt());
    assertThat(be32(bytes, 8)).isEqualTo(expected.get("prelude_crc").asInt());
    assertThat(be32(bytes, bytes.length - 4)).isEqualTo(expected.get("message_crc").asInt());
    assertThat(Base64.getEncoder().encodeToString(m.payload())).isEqualTo(expected.get("payload").asText());
    JsonNode eh = expected.get("headers");
    assertThat(m.headers()).hasSize(eh.size());
    for (int i = 0; i < eh.size(); i++) {
      EventStreamMessage.Header h = m.headers().get(i);
      JsonNode e = eh.get(i);
      assertThat(h.name()).isEqualTo(e.get("name").asText());
      assertThat(h.type()).isEqualTo(e.get("type").asInt());
      Object v = h.value();
      switch (h.type()) {
        case 0: case 1: assertThat(v).isEqualTo(e.get("value").asBoolean()); break;
        case 2: assertThat(((Byte) v).intValue()).isEqualTo(e.get("value").asInt()); break;
        case 3: assertThat(((Short) v).intValue()).isEqualTo(e.get("value").asInt()); break;
        case 4: assertThat(v).isEqualTo(e.get("value").asInt()); break;
        case 5: case 8: assertThat(v).isEqualTo(e.get("value").asLong()); break;
        case 7: assertThat(Base64.getEncoder().encodeToString(((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .isEqualTo(e.get("value").asText()); break;
        default: assertThat(Base64.getEncoder().encodeToString((byte[]) v)).isEqualTo(e.get("value").asText());
      }
    }
  }

  @ParameterizedTest(name = "negative {0}")
  @ValueSource(strings = {"corrupted_header_len", "corrupted_headers", "corrupted_length", "corrupted_payload"})
  void negativeVectorsAreRejectedWithTheExpectedError(String name) {
    byte[] bytes = Fixtures.bytes(GO + "encoded/negative/" + name);
    String expected = Fixtures.text(GO + "decoded/negative/" + name).strip();
    assertThatThrownBy(() -> decodeAll(bytes)).isInstanceOf(EventStreamException.class).hasMessage(expected);
  }

  static Stream<String> smithyFrames() {
    return Fixtures.list("aws-eventstream/derived", ".bin").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smithyFrames")
  void smithyFramesDecode(String file) throws IOException {
    byte[] bytes = Fixtures.bytes(file);
    List<EventStreamMessage> all = decodeAll(bytes);
    assertThat(all).hasSize(1);
    EventStreamMessage m = all.get(0);
    if (file.contains("Malformed") || file.contains("Missing")) {
      assertThatThrownBy(m::eventType).isInstanceOf(EventStreamException.class);
    } else if (file.contains("ServerErrorInput")) {
      assertThat(m.messageType()).isEqualTo("exception");
      assertThat(m.eventType()).isEqualTo("error");
      assertThat(m.payloadText()).isEqualTo("{\"message\":\"foo\"}");
    } else if (file.contains("ServerUnexpectedErrorInput")) {
      assertThat(m.messageType()).isEqualTo("error");
      assertThat(m.eventType()).isEqualTo("internal-error");
      assertThat(m.string(":error-message")).isEqualTo("An unknown error occurred.");
    } else {
      assertThat(m.messageType()).isEqualTo("event");
      assertThat(m.eventType()).isNotBlank();
    }
    if (file.contains("TimestampHeader")) {
      assertThat(m.headers().get(2).value()).isEqualTo(1730384114000L);
    }
    if (file.contains("LongHeader")) {
      assertThat(m.headers().get(2).value()).isEqualTo(4294967294L);
    }
  }

  static Stream<String> recordedBodies() {
    return Fixtures.list("amazon-bedrock/derived", ".eventstream.bin").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedBodies")
  void recordedConverseStreamBodiesDecode(String file) throws IOException {
    byte[] bytes = Fixtures.bytes(file);
    List<EventStreamMessage> all = decodeAll(bytes);
    assertThat(all).isNotEmpty();
    for (EventStreamMessage m : all) {
      assertThat(m.messageType()).isEqualTo("event");
      assertThat(m.string(":content-type")).isEqualTo("application/json");
      assertThat(Fixtures.jsonOf(m.payload()).isObject()).isTrue();
    }
    assertThat(all.get(0).eventType()).isEqualTo("messageStart");
    assertThat(all.get(all.size() - 1).eventType()).isEqualTo("metadata");
  }

  @Test
  void everyTruncationIsATypedErrorNeverAHang() throws IOException {
    byte[] bytes = Fixtures.bytes("amazon-bedrock/derived/test_bedrock_model_iter_stream.response1.eventstream.bin");
    int frames = decodeAll(bytes).size();
    for (int cut = 1; cut < bytes.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(bytes, cut);
      try {
        assertThat(decodeAll(part).size()).isLessThan(frames);
      } catch (EventStreamException expected) {
        // a frame cut in the middle
      }
    }
  }

  @Test
  void everySingleBitFlipIsRejected() {
    byte[] good = Fixtures.bytes(GO + "encoded/positive/all_headers");
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> decodeAll(bad)).as("byte %d bit %d", i, bit).isInstanceOf(EventStreamException.class);
      }
    }
  }

  @Test
  void validChecksumsAroundGarbageHeadersAreRejected() throws IOException {
    // a frame whose CRCs are right but whose header section declares an unknown type
    Buffer frame = frame(new byte[] {3, 'a', 'b', 'c', 42}, new byte[0]);
    assertThatThrownBy(() -> new EventStreamDecoder(frame).next()).isInstanceOf(EventStreamException.class)
        .hasMessageContaining("unknown header type 42");
    Buffer overrun = frame(new byte[] {1, 'a', 7, 0, 9, 'x'}, new byte[0]);
    assertThatThrownBy(() -> new EventStreamDecoder(overrun).next()).isInstanceOf(EventStreamException.class)
        .hasMessageContaining("overruns");
  }

  private static Buffer frame(byte[] headers, byte[] payload) {
    int total = 16 + headers.length + payload.length;
    Buffer b = new Buffer().writeInt(total).writeInt(headers.length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b.snapshot().toByteArray());
    b.writeInt((int) crc.getValue()).write(headers).write(payload);
    crc.reset();
    crc.update(b.snapshot().toByteArray());
    return b.writeInt((int) crc.getValue());
  }

  private static int be32(byte[] b, int i) {
    return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
  }
}
