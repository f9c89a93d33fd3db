package dev.aegis.examples.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Runs every feature example (each builds its gateway and closes it) and checks every line it
 * prints, so the README's examples list cannot drift from what the code does.
 */
class FeatureExamplesTest {

  private static String run(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    example.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void route() {
    assertThat(run(RouteExample::run)).isEqualTo("""
        answer: Paris is the capital of France.
        served by target mock/mock-large (provider mock, model mock-large) in 1 attempt
        usage: 15 tokens in, 8 tokens out
        """);
  }

  @Test
  void streaming() {
    assertThat(run(StreamingExample::run)).isEqualTo("""
        [Streams][ arrive][ token][ by][ token.]
        5 text chunks from target mock
        first chunk only: [Streams], then close()
        """);
  }

  @Test
  void fallback() {
    assertThat(run(FallbackExample::run)).isEqualTo("""
        answer: Answered by the backup.
        attempt primary: FAILURE (HTTP 503, UPSTREAM_ERROR)
        attempt primary: FAILURE (HTTP 503, UPSTREAM_ERROR)
        attempt backup: SUCCESS
        primary called 2 times, backup 1 time
        """);
  }

  @Test
  void weighted() {
    // 1000 draws at p = 3/4: leaving the quarter around 3/4 is a 9-sigma event
    assertThat(run(WeightedExample::run)).isEqualTo("""
        1000 requests: east served 3/4, west 1/4, spare (weight 0) 0
        with 'down' failing: 20 of 20 answered by 'up'
        """);
  }

  @Test
  void conditionalWithAPluginLabel() {
    assertThat(run(ConditionalExample::run)).isEqualTo("""
        tenant acme -> premium
        tenant beta, region=eu -> eu
        tenant beta, tier=premium sent as metadata -> standard
        """);
  }

  @Test
  void guardrailsMaskAndUnmask() {
    assertThat(run(GuardrailsExample::run)).isEqualTo("""
        provider saw: Write to <EMAIL_1> or call <PHONE_1>.
        caller got:   Write to alice@example.com or call +1 415 555 0100.
        blocked: guardrail rule 'secrets' blocked the input: found AWS_ACCESS_KEY
        provider calls: 1
        """);
  }

  @Test
  void residency() {
    assertThat(run(ResidencyExample::run)).isEqualTo("""
        plain question -> cloud
        card number -> on-prem
        card number on a cloud-only route -> refused: no target could serve route 'cloud-only': [cloud: dropped by \
        guardrails: RESTRICTED data may only go to local targets; 'cloud' is not local]
        cloud calls: 1, on-prem calls: 1
        """);
  }

  @Test
  void virtualKeysWithALimitAndABudget() {
    // at $0.001 a token each call spends $0.014 but first reserves its estimate plus max_tokens, $0.023
    assertThat(run(VirtualKeysExample::run)).isEqualTo("""
        issued ci and intern, secrets start with 'aegis_': true
        unknown key: refused (AUTHENTICATION) unknown virtual key
        ci on 'reasoning': refused (PERMISSION_DENIED) virtual key 'cikey' may not use model 'reasoning'
        ci request 1: ok, cost $0.014
        ci request 2: ok, cost $0.014
        ci request 3: ok, cost $0.014
        ci request 4: refused by key.requests, retry in 20 min
        intern request 1: ok, cost $0.014
        intern request 2: ok, cost $0.014
        intern request 3: refused by budget intern-daily, $0.022 left today and this request reserves more
        intern spent $0.028 of $0.05; provider calls: 5
        """);
  }

  @Test
  void caching() {
    assertThat(run(CachingExample::run)).isEqualTo("""
        first: MISS "Cached answers cost nothing." (provider calls so far: 1)
        second: HIT "Cached answers cost nothing." (provider calls so far: 1)
        no-cache: BYPASS "Cached answers cost nothing." (provider calls so far: 2)
        """);
  }

  @Test
  void hooks() {
    assertThat(run(HooksExample::run)).isEqualTo("""
        attempt.failed: primary answered HTTP 500
        fallback.taken: from primary (UPSTREAM_ERROR)
        request.completed: served by backup after 2 attempts, 16 tokens out
        """);
  }

  @Test
  void customPlugin() {
    assertThat(run(CustomPluginExample::run)).isEqualTo("""
        provider saw: [SYSTEM: Answer in one sentence., USER: Explain gateways.]
        answer: One sentence, as asked. {house-style=v1}
        streamed: One sentence, as asked.
        refused: the prompt is empty
        succeeded 2, failed 1
        """);
  }
}
