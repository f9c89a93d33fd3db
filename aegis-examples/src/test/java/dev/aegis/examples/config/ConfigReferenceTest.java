package dev.aegis.examples.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.config.ConfigReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is exactly what the declared settings generate: a setting added
 * without documentation cannot be declared (a setting needs its line of doc), and one added
 * without regenerating the file fails here.
 */
class ConfigReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void theReferenceMatchesTheDeclaredSettings() throws Exception {
    String generated = ConfigReference.markdown();
    if (Boolean.getBoolean("aegis.docs.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/configuration.md is stale: regenerate it with -Daegis.docs.write=true (see its first lines)")
        .isEqualTo(generated);
    // the reference covers every kind, built-ins only
    assertThat(generated).contains("| `providers` | object map |", "### `anthropic`", "| `maxTokens` | integer | `4096` |",
        "### `weighted`", "### `guardrails`", "### `regex`", "### `memory`", "### `cache`",
        "| `limits.rules[].scope` | string |", "| `routes` | object map |");
    assertThat(generated).doesNotContain("test-audit", "test-store");
  }
}
