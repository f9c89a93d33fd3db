package dev.aegis.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.Credential;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.credential.CredentialProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invariant 6: secrets never appear in exception messages or toString(). */
class SecretsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "Incorrect API key provided: sk-proj-abcdefghijklmnop1234",
      "invalid x-api-key: sk-ant-api03-abcdefghijklmnopqrst",
      "The security token AKIAIOSFODNN7EXAMPLE is invalid",
      "key AIzaSyA-abcdefghijklmnopqrstuvwxyz0123 rejected",
      "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlc2ln",
      "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 revoked",
      "slack xoxb-1234567890-abcdefghij failed",
      "request had api_key=supersecretvalue123 in it"})
  void upstreamMessagesAreScrubbed(String message) {
    GatewayException e = new GatewayException(ErrorKind.UPSTREAM_ERROR, message);
    assertThat(e.getMessage()).contains("****");
    for (String secret : new String[] {"abcdefghijklmnop1234", "abcdefghijklmnopqrst", "IOSFODNN7EXAMPLE",
        "abcdefghijklmnopqrstuvwxyz0123", "c2lnbmF0dXJlc2ln", "abcdefghijklmnopqrstuvwxyz0123456789",
        "1234567890-abcdefghij", "supersecretvalue123"}) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void scrubbingTwiceChangesNothingMore() {
    String once = Secrets.scrub("<p>api_key=sk-live-abcdef0123456789abcdef</p>");
    assertThat(once).isEqualTo("<p>api_key=****</p>");
    assertThat(Secrets.scrub(once)).isEqualTo(once);
  }

  @Test
  void ordinaryMessagesAreUntouched() {
    String m = "model 'gpt-4o' does not exist; the context length is 128000 tokens";
    assertThat(new GatewayException(ErrorKind.INVALID_REQUEST, m).getMessage()).isEqualTo(m);
  }

  @Test
  void credentialsAndOptionsNeverPrintSecrets() {
    assertThat(Credential.apiKey("sk-secret-value-123").toString()).doesNotContain("secret");
    assertThat(new Credential.AwsCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "session", null).toString())
        .doesNotContain("IOSFODNN7EXAMPLE").doesNotContain("wJalr").doesNotContain("session]");
    ProviderConfig c = ProviderConfig.builder("p", "openai").credentials(CredentialProvider.apiKey("sk-secret-value-123"))
        .header("Authorization", "Bearer very-secret").build();
    assertThat(c.toString()).doesNotContain("secret");
    assertThat(RequestOptions.builder().credential("vk-secret-123").build().toString()).doesNotContain("secret");
  }
}
