package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.OpenAiProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The excerpt of an unusable body: one line, at most 120 characters, key-like text scrubbed. */
class TransportOutcomesTest {

  @Test
  void excerptsAreOneShortLine() {
    assertThat(TransportOutcomes.excerpt("<html>\n  <body>\t502 \r\n</body>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"<html> <body> 502 </body>\"");
    String long1 = "x".repeat(130);
    assertThat(TransportOutcomes.excerpt(long1.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo('"' + "x".repeat(120) + "\" (130 bytes)");
    assertThat(TransportOutcomes.excerpt(new byte[] {'o', 'k', (byte) 0xFF})).isEqualTo("\"ok\uFFFD\"");
  }

  @Test
  void aKeyInTheBodyNeverReachesTheMessage() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().addHeader("content-type", "text/html")
          .body("<p>api_key=sk-live-abcdef0123456789abcdef</p>").build());
      try (Provider p = OpenAiProvider.create(ProviderConfig.builder("oa", "openai").baseUrl(server.url("/v1").toString())
          .credentials(CredentialProvider.apiKey("k")).build())) {
        assertThatThrownBy(() -> p.chat(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(),
            ProviderCall.builder().model("m").timeout(Duration.ofSeconds(30)).build()))
            .isInstanceOfSatisfying(ProviderException.class, e -> {
              assertThat(e.reason()).isEqualTo(ProviderErrorCode.INVALID_RESPONSE);
              assertThat(e.error().message()).isEqualTo(
                  "the body is not JSON (content type text/html): \"<p>api_key=****</p>\"");
            })
            .hasMessage("provider 'oa' answered 200 (invalid_response): the body is not JSON (content type text/html): "
                + "\"<p>api_key=****</p>\"");
      }
    }
  }
}
