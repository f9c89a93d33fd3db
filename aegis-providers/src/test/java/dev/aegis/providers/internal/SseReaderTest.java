package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.error.ProviderErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/**
 * The SSE reader: line ends, comments, multi-line data, event names, a missing final blank line,
 * and the strict rules okhttp-sse's reader does not have (see docs/design/sse-framing.md): invalid
 * UTF-8 and an event over the limit are errors, a line that is no SSE field is "not an event
 * stream"; bytes arriving one at a time (every character split across reads) decode the same.
 */
class SseReaderTest {

  private static SseReader reader(String body) {
    return new SseReader(new Buffer().write(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lfCrlfAndCrLineEnds() throws Exception {
    SseReader r = reader("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d");
    assertThat(r.next().data()).isEqualTo("a");
    assertThat(r.next().data()).isEqualTo("b");
    assertThat(r.next().data()).isEqualTo("c");
    assertThat(r.next().data()).isEqualTo("d");
    assertThat(r.next()).isNull();
  }

  @Test
  void commentsNamesAndMultiLineData() throws Exception {
    SseReader r = reader(": keep-alive\n\nevent: error\ndata: {\"a\":\ndata: 1}\nid: 7\n\n");
    SseReader.Event e = r.next();
    assertThat(e.name()).isEqualTo("error");
    assertThat(e.data()).isEqualTo("{\"a\":\n1}");
    assertThat(r.next()).isNull();
  }

  @Test
  void multiByteCharactersSurvive() throws Exception {
    assertThat(reader("data: 22 °C ✓ 😀\n\n").next().data()).isEqualTo("22 °C ✓ 😀");
  }

  @Test
  void dataWithoutTheSpaceAndFieldsWithoutAColon() throws Exception {
    SseReader r = reader("data:x\ndata\ndata:  two spaces\n\n");
    assertThat(r.next().data()).isEqualTo("x\n\n two spaces");
  }

  @Test
  void eventsAndCharactersSplitAcrossReadsDecodeTheSame() throws Exception {
    byte[] body = "event: delta\r\ndata: 22 °C ✓ 😀\r\n\r\n: ping\r\n\r\ndata: fin\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    SseReader r = new SseReader(Okio.buffer(oneByteAtATime(body)));
    SseReader.Event first = r.next();
    assertThat(first.name()).isEqualTo("delta");
    assertThat(first.data()).isEqualTo("22 °C ✓ 😀");
    SseReader.Event second = r.next();
    assertThat(second.name()).isNull();
    assertThat(second.data()).isEqualTo("fin");
    assertThat(r.next()).isNull();
  }

  @Test
  void invalidUtf8IsAnInvalidResponseNotReplacementCharacters() {
    byte[] body = {'d', 'a', 't', 'a', ':', ' ', 'c', 'a', 'f', (byte) 0xC3, 0x28, '\n', '\n'};
    assertThatThrownBy(() -> new SseReader(new Buffer().write(body)).next())
        .isInstanceOfSatisfying(BodyFault.class, e -> {
          assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE);
          assertThat(e.excerpt()).isEqualTo(java.util.Arrays.copyOf(body, 11));
        })
        .hasMessage("a stream event is not valid UTF-8");
  }

  @Test
  void anEventOverTheLimitStopsTheRead() {
    Buffer body = new Buffer().writeUtf8("data: " + "x".repeat(100) + "\n\n");
    assertThatThrownBy(() -> new SseReader(body, 64).next())
        .isInstanceOfSatisfying(BodyFault.class, e -> assertThat(e.reason()).isEqualTo(ProviderErrorCode.RESPONSE_TOO_LARGE))
        .hasMessage("one stream event is larger than the limit of 64 bytes");
    assertThat(body.size()).as("nothing was consumed past the limit").isEqualTo(108);
  }

  @Test
  void manyLinesOfOneEventCountTowardsTheLimit() throws Exception {
    String line = "data: " + "x".repeat(40) + "\n";
    assertThatThrownBy(() -> new SseReader(new Buffer().writeUtf8(line + line + "\n"), 64).next())
        .isInstanceOf(BodyFault.class).hasMessage("one stream event is larger than the limit of 64 bytes");
    // exactly at the limit is fine
    assertThat(new SseReader(new Buffer().writeUtf8("data: " + "y".repeat(58) + "\n\n"), 64).next().data())
        .isEqualTo("y".repeat(58));
  }

  @Test
  void aLineThatIsNoSseFieldIsNotAnEventStream() {
    assertThatThrownBy(() -> reader("<html><body>Bad gateway</body></html>\n").next())
        .isInstanceOfSatisfying(BodyFault.class, e -> assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE))
        .hasMessage("the body is not an event stream");
  }

  @Test
  void jsonEventsThatAreNotJsonAreInvalid() {
    assertThatThrownBy(() -> reader("data: {\"a\":\n\n").nextJson())
        .isInstanceOfSatisfying(BodyFault.class, e -> {
          assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE);
          assertThat(e.getCause()).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        })
        .hasMessage("a stream event is not valid JSON");
  }

  @Test
  void ndjsonLinesAreBoundedAndStrict() throws Exception {
    NdjsonReader r = new NdjsonReader(Okio.buffer(oneByteAtATime("{\"a\":1}\r\n\n{\"b\":\"✓\"}".getBytes(StandardCharsets.UTF_8))));
    assertThat(r.next()).isEqualTo("{\"a\":1}");
    assertThat(r.next()).isEqualTo("{\"b\":\"✓\"}");
    assertThat(r.next()).isNull();
    assertThatThrownBy(() -> new NdjsonReader(new Buffer().writeUtf8("{\"pad\":\"" + "x".repeat(80) + "\"}\n"), 64).next())
        .isInstanceOf(BodyFault.class).hasMessage("one stream line is larger than the limit of 64 bytes");
    assertThatThrownBy(() -> new NdjsonReader(new Buffer().write(new byte[] {'{', (byte) 0xFF, '}', '\n'})).next())
        .isInstanceOf(BodyFault.class).hasMessage("a stream line is not valid UTF-8");
  }

  /** A source that hands out one byte per read, as a slow network would. */
  static Source oneByteAtATime(byte[] bytes) {
    Buffer all = new Buffer().write(bytes);
    return new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        return all.exhausted() ? -1 : all.read(sink, 1);
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
  }
}
