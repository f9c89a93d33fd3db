package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The SSE reader: line ends, comments, multi-line data, event names, a missing final blank line. */
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
}
