package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.guardrail.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** jtokkit for OpenAI-family models, the right encoding per family; chars / 4 for the rest. */
class TokenEstimatorTest {
  static {
    // on the module path the test runs inside dev.aegis.core, which provides the service but does
    // not itself look it up; a host looks it up from its own module
    TokenEstimatorTest.class.getModule().addUses(TokenEstimator.class);
  }

  private final TokenEstimator estimator = ServiceLoader.load(TokenEstimator.class).findFirst().orElseThrow();

  @Test
  void theGatewaysEstimatorIsRegisteredAsTheServiceImplementation() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(TokenEstimator.class).forEach(e -> names.add(e.getClass().getName()));
    assertThat(names).containsExactly("dev.aegis.core.internal.tokens.JtokkitEstimator");
  }

  @Test
  void openAiFamiliesUseTheirOwnEncoding() {
    // "Hello, world!" is [Hello][,][ world][!] in both encodings; Hindi is where they part:
    // o200k_base (GPT-4o and later) needs 10 tokens for this sentence, cl100k_base (GPT-4) 27
    assertThat(estimator.estimate("Hello, world!", "gpt-4o")).isEqualTo(4);
    assertThat(estimator.estimate("Hello, world!", "gpt-4")).isEqualTo(4);
    String hindi = "नमस्ते दुनिया, आप कैसे हैं?";
    for (String o200k : new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "o3-mini", "openai/gpt-4o"}) {
      assertThat(estimator.estimate(hindi, o200k)).as(o200k).isEqualTo(10);
    }
    for (String cl100k : new String[] {"gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-small"}) {
      assertThat(estimator.estimate(hindi, cl100k)).as(cl100k).isEqualTo(27);
    }
  }

  @Test
  void otherModelsUseTheDocumentedHeuristic() {
    assertThat(estimator.estimate("twelve chars", "claude-sonnet-4-5")).isEqualTo(3);
    assertThat(estimator.estimate("thirteen char", "gemini-2.5-flash")).isEqualTo(4);
    assertThat(estimator.estimate("abc", null)).isEqualTo(1);
    assertThat(estimator.estimate("", "gpt-4o")).isZero();
  }
}
