package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** An empty or malformed body is an error, never an empty answer. */
class JsonTest {

  @Test
  void emptyBodiesAreErrors() {
    assertThatThrownBy(() -> Json.read(new byte[0])).isInstanceOf(IOException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Json.read("   ")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.read("{\"a\":")).isInstanceOf(IOException.class);
  }

  @Test
  void objectsParse() throws IOException {
    assertThat(Json.read("{\"a\":1}".getBytes()).get("a").asInt()).isEqualTo(1);
  }
}
