package dev.aegis.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.aws.AwsCredentialProviders;
import dev.aegis.providers.testing.Fixtures;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bedrock authentication choices, URL encoding of model ids and recorded error answers. */
class BedrockProviderTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ProviderConfig.Builder config() {
    return ProviderConfig.builder("bedrock", "bedrock").baseUrl(server.url("/").toString()).option("region", "us-east-1");
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().addMessage(Message.user("hello")).build();
  }

  private static ProviderCall call(String model) {
    return ProviderCall.builder().model(model).timeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void recordedPlain400AnswersToConverseAndConverseStream() throws Exception {
    for (String file : new String[] {"test_bedrock_error.yaml", "test_bedrock_streaming_error.yaml"}) {
      var it = Fixtures.interactions("amazon-bedrock/" + file).get(0);
      server.enqueue(new MockResponse.Builder().code(Fixtures.status(it)).addHeader("content-type", "application/json")
          .addHeader("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
          .body(new String(Fixtures.responseBody(it))).build());
      BedrockProvider p = new BedrockProvider(config().credentials(AwsCredentialProviders.bedrockApiKey("abc")).build());
      Runnable action = file.contains("streaming")
          ? () -> p.stream(hello(), call("us.does-not-exist-model-v1:0"), c -> {})
          : () -> p.chat(hello(), call("us.does-not-exist-model-v1:0"));
      assertThatThrownBy(action::run).isInstanceOfSatisfying(ProviderInvalidRequestException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error().type()).isEqualTo("ValidationException");
        assertThat(e.error().message()).isEqualTo("The provided model identifier is invalid.");
      });
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r.getTarget()).isEqualTo("/model/us.does-not-exist-model-v1%3A0/"
          + (file.contains("streaming") ? "converse-stream" : "converse"));
      assertThat(r.getHeaders().get("authorization")).isEqualTo("Bearer abc");
      assertThat(r.getHeaders().get("x-amz-date")).isNull();
    }
  }

  @Test
  void inferenceProfileArnsAreEncodedInThePath() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .body(Fixtures.text("amazon-bedrock/amazon-bedrock-text.json")).build());
    BedrockProvider p = new BedrockProvider(config().clock(Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC))
        .credentials(AwsCredentialProviders.of("AKIDEXAMPLE", "secret", null)).build());
    p.chat(hello(), call("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5:0"));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getTarget()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile"
        + "%2Fus.anthropic.claude-3-5%3A0/converse");
    assertThat(r.getHeaders().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, ");
    assertThat(r.getHeaders().get("x-amz-security-token")).isNull();
  }

  @Test
  void everyAttemptAsksTheCredentialProviderAgainAndSignsAtItsOwnTime() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CredentialProvider refreshing = () -> new Credential.AwsCredentials("AKID" + loads.incrementAndGet(), "secret", "tok", null);
    Instant[] now = {Instant.parse("2026-06-01T12:34:56Z")};
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0]; }
    };
    BedrockProvider p = new BedrockProvider(config().clock(clock).credentials(refreshing).build());
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
          .body(Fixtures.text("amazon-bedrock/amazon-bedrock-text.json")).build());
      p.chat(hello(), call("m"));
      now[0] = now[0].plusSeconds(5);
    }
    RecordedRequest a = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest b = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(a.getHeaders().get("x-amz-date")).isEqualTo("20260601T123456Z");
    assertThat(b.getHeaders().get("x-amz-date")).isEqualTo("20260601T123501Z");
    assertThat(a.getHeaders().get("authorization")).contains("Credential=AKID1/");
    assertThat(b.getHeaders().get("authorization")).contains("Credential=AKID2/");
  }

  @Test
  void environmentCredentialsPreferABedrockApiKey() {
    Map<String, String> both = Map.of("AWS_BEARER_TOKEN_BEDROCK", "bedrock-key", "AWS_ACCESS_KEY_ID", "AKID",
        "AWS_SECRET_ACCESS_KEY", "secret");
    assertThat(AwsCredentialProviders.environment(both::get).credential()).isEqualTo(new Credential.BearerToken("bedrock-key", null));
    Map<String, String> keys = Map.of("AWS_BEARER_TOKEN_BEDROCK", "", "AWS_ACCESS_KEY_ID", "AKID",
        "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "tok");
    assertThat(AwsCredentialProviders.environment(keys::get).credential())
        .isEqualTo(new Credential.AwsCredentials("AKID", "secret", "tok", null));
    assertThatThrownBy(() -> AwsCredentialProviders.environment(Map.<String, String>of()::get).credential())
        .isInstanceOf(ConfigException.class).hasMessageContaining("AWS_BEARER_TOKEN_BEDROCK");
    assertThat(AwsCredentialProviders.environment(keys::get).toString()).doesNotContain("secret");
    assertThat(AwsCredentialProviders.regionFromEnvironment(Map.of("AWS_DEFAULT_REGION", "eu-west-1")::get)).isEqualTo("eu-west-1");
  }

  @Test
  void aMissingRegionAndUnknownOptionsAreConfigErrorsWithPaths() {
    ProviderConfig c = ProviderConfig.builder("br", "bedrock").option("colour", "blue").build();
    assertThatThrownBy(() -> new BedrockProvider(c, Map.<String, String>of()::get))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigException.Problem::path)
            .containsExactlyInAnyOrder("providers.br.options.colour", "providers.br.options.region"));
    BedrockProvider fromEnv = new BedrockProvider(ProviderConfig.builder("br", "bedrock").build(), Map.of("AWS_REGION", "eu-central-1")::get);
    assertThat(fromEnv.toString()).contains("eu-central-1").contains("https://bedrock-runtime.eu-central-1.amazonaws.com");
  }

  @Test
  void accessKeysSetAsOptionsSignLikeTheSameCredentialsAndAreNeverPrinted() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
          .body(Fixtures.text("amazon-bedrock/amazon-bedrock-text.json")).build());
    }
    ProviderConfig fromOptions = config().clock(clock).option("accessKeyId", "AKIDOPTION")
        .option("secretAccessKey", "s3cr3t-value").option("sessionToken", "token-value").build();
    new BedrockProvider(fromOptions).chat(hello(), call("m"));
    new BedrockProvider(config().clock(clock)
        .credentials(AwsCredentialProviders.of("AKIDOPTION", "s3cr3t-value", "token-value")).build()).chat(hello(), call("m"));
    RecordedRequest a = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest b = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(a.getHeaders().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDOPTION/20250102/us-east-1/bedrock/aws4_request, "
            + "SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, ")
        .isEqualTo(b.getHeaders().get("authorization"));
    assertThat(a.getHeaders().get("x-amz-security-token")).isEqualTo("token-value");
    assertThat(fromOptions.toString() + new BedrockProvider(fromOptions)).doesNotContain("s3cr3t-value", "token-value");
  }

  @Test
  void incompleteOrDoubleAccessKeysAreConfigErrorsNamingTheOptionNotItsValue() {
    java.util.function.Function<ProviderConfig.Builder, List<String>> problems = b -> {
      try {
        new BedrockProvider(b.build(), Map.<String, String>of()::get);
        return List.of();
      } catch (ConfigException e) {
        return e.problems().stream().map(Object::toString).toList();
      }
    };
    assertThat(problems.apply(config().option("sessionToken", "tok-1")))
        .containsExactly("providers.bedrock.options.sessionToken: needs accessKeyId and secretAccessKey");
    assertThat(problems.apply(config().option("accessKeyId", "AKID")))
        .containsExactly("providers.bedrock.options.secretAccessKey: is required with accessKeyId");
    assertThat(problems.apply(config().option("secretAccessKey", "sec-1")))
        .containsExactly("providers.bedrock.options.accessKeyId: is required with secretAccessKey");
    assertThat(problems.apply(config().option("accessKeyId", "AKID").option("secretAccessKey", "sec-1")
        .credentials(AwsCredentialProviders.bedrockApiKey("abc"))))
        .containsExactly("providers.bedrock.options.accessKeyId: set either access keys or credentials (apiKey), not both");
  }
}
