package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's quickstart prints a routed and a streamed answer with their metadata. */
class QuickstartTest {

  @Test
  void printsBothAnswersWithMetadata() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ZERO);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("== route() ==").contains("== routeStream() ==");
    assertThat(out).contains("Aegis routed this answer through one gateway object");
    assertThat(out).contains("Aegis| routed").as("streamed token by token");
    assertThat(out.lines().filter(l -> l.startsWith("-> target=mock provider=mock attempts=1")).count()).isEqualTo(2);
    assertThat(out).containsPattern("usage=\\d+ in / \\d+ out");
  }
}
