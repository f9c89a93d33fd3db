package dev.aegis.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.credential.Credential;
import dev.aegis.providers.aws.internal.SigV4Signer;
import dev.aegis.providers.aws.internal.SigV4Signer.Header;
import dev.aegis.providers.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The SigV4 header-signing vectors of the aws-c-auth and botocore suites, and the openai-python
 * Bedrock vector: canonical request, string to sign and signature must match byte for byte.
 * Vectors not applied are listed with their reason in {@code fixtures/aws-sigv4/EXCLUDED.md}.
 */
class SigV4VectorsTest {
  private static final Credential.AwsCredentials EXAMPLE = new Credential.AwsCredentials(
      "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null);

  /** A request parsed from a {@code request.txt}/{@code .req} file. */
  record Req(String method, String path, String query, List<Header> headers, byte[] body) {
    static Req parse(byte[] raw) {
      String text = new String(raw, StandardCharsets.UTF_8);
      int blank = text.indexOf("\n\n");
      String head = blank < 0 ? text : text.substring(0, blank);
      byte[] body = blank < 0 ? new byte[0] : text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
      String[] lines = head.split("\n");
      String first = lines[0];
      String method = first.substring(0, first.indexOf(' '));
      String target = first.substring(first.indexOf(' ') + 1, first.lastIndexOf(" HTTP/"));
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      String query = q < 0 ? "" : target.substring(q + 1);
      List<Header> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i];
        if (l.isEmpty()) continue;
        if (Character.isWhitespace(l.charAt(0)) && !headers.isEmpty()) {
          Header last = headers.remove(headers.size() - 1);
          headers.add(new Header(last.name(), last.value() + "\n" + l));
          continue;
        }
        int c = l.indexOf(':');
        headers.add(new Header(l.substring(0, c), l.substring(c + 1)));
      }
      return new Req(method, path, query, headers, body);
    }
  }

  static Stream<String> awsCAuthCases() throws IOException {
    try (Stream<Path> s = Files.list(Fixtures.path("aws-sigv4/aws-c-auth/v4"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "aws-c-auth {0}")
  @MethodSource("awsCAuthCases")
  void awsCAuthHeaderSigning(String name) {
    String dir = "aws-sigv4/aws-c-auth/v4/" + name + "/";
    JsonNode ctx = Fixtures.json(dir + "context.json");
    Req req = Req.parse(Fixtures.bytes(dir + "request.txt"));
    JsonNode c = ctx.get("credentials");
    String token = c.has("token") ? c.get("token").asText() : null;
    Credential.AwsCredentials creds = new Credential.AwsCredentials(c.get("access_key_id").asText(),
        c.get("secret_access_key").asText(), token, null);
    Instant time = Instant.parse(ctx.get("timestamp").asText());
    List<Header> headers = new ArrayList<>(req.headers());
    headers.add(new Header("X-Amz-Date", SigV4Signer.amzDate(time)));
    if (token != null && !ctx.path("omit_session_token").asBoolean(false)) {
      headers.add(new Header("X-Amz-Security-Token", token));
    }
    String payloadHash = SigV4Signer.sha256Hex(req.body());
    if (ctx.get("sign_body").asBoolean()) {
      headers.add(new Header("X-Amz-Content-Sha256", payloadHash));
    }
    SigV4Signer signer = new SigV4Signer(ctx.get("region").asText(), ctx.get("service").asText());
    SigV4Signer.Signature sig = signer.sign(req.method(), req.path(), req.query(), headers, payloadHash, creds,
        time, ctx.get("normalize").asBoolean());
    assertThat(sig.canonicalRequest()).isEqualTo(Fixtures.text(dir + "header-canonical-request.txt"));
    assertThat(sig.stringToSign()).isEqualTo(Fixtures.text(dir + "header-string-to-sign.txt"));
    assertThat(sig.signature()).isEqualTo(Fixtures.text(dir + "header-signature.txt").strip());
    assertThat(Fixtures.text(dir + "header-signed-request.txt"))
        .contains("Authorization:" + sig.authorization() + "\n");
  }

  static Stream<String> botocoreCases() throws IOException {
    Path root = Fixtures.path("aws-sigv4/botocore/aws4_testsuite");
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".req"))
          .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "botocore {0}")
  @MethodSource("botocoreCases")
  void botocoreHeaderSigning(String reqFile) {
    String base = "aws-sigv4/botocore/aws4_testsuite/" + reqFile.substring(0, reqFile.length() - 4);
    Req req = Req.parse(Fixtures.bytes(base + ".req"));
    String date = req.headers().stream().filter(h -> h.name().equalsIgnoreCase("X-Amz-Date"))
        .findFirst().orElseThrow().value();
    Instant time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
        .parse(date, Instant::from);
    // session tokens: the signer adds the token it holds, as the .sreq shows; post-sts-header-after
    // adds it after signing, unsigned (post-sts-token/readme.txt)
    List<Header> headers = new ArrayList<>(req.headers());
    Req signed = Req.parse(Fixtures.bytes(base + ".sreq"));
    boolean tokenSigned = !base.endsWith("post-sts-header-after");
    for (Header h : signed.headers()) {
      if (tokenSigned && h.name().equalsIgnoreCase("X-Amz-Security-Token")
          && headers.stream().noneMatch(x -> x.name().equalsIgnoreCase(h.name()))) {
        headers.add(h);
      }
    }
    SigV4Signer.Signature sig = new SigV4Signer("us-east-1", "service").sign(req.method(), req.path(),
        req.query(), headers, SigV4Signer.sha256Hex(req.body()), EXAMPLE, time, true);
    assertThat(sig.canonicalRequest()).isEqualTo(Fixtures.text(base + ".creq"));
    assertThat(sig.stringToSign()).isEqualTo(Fixtures.text(base + ".sts"));
    assertThat(sig.authorization()).isEqualTo(Fixtures.text(base + ".authz"));
  }

  @Test
  void openAiPythonBedrockVector() {
    JsonNode v = Fixtures.json("aws-sigv4/openai-python/sigv4.json");
    JsonNode c = v.get("credentials");
    Credential.AwsCredentials creds = new Credential.AwsCredentials(c.get("accessKeyId").asText(),
        c.get("secretAccessKey").asText(), c.get("sessionToken").asText(), null);
    Instant time = Instant.parse(v.get("signingDate").asText());
    byte[] body = v.get("request").get("body").asText().getBytes(StandardCharsets.UTF_8);
    String payloadHash = SigV4Signer.sha256Hex(body);
    JsonNode expected = v.get("expected");
    assertThat(payloadHash).isEqualTo(expected.get("payloadHash").asText());
    List<Header> headers = List.of(new Header("Content-Type", "application/json"),
        new Header("Host", "bedrock-mantle.us-east-1.api.aws"),
        new Header("X-Amz-Content-Sha256", payloadHash),
        new Header("X-Amz-Date", SigV4Signer.amzDate(time)),
        new Header("X-Amz-Security-Token", creds.sessionToken()));
    SigV4Signer.Signature sig = new SigV4Signer("us-east-1", "bedrock-mantle")
        .sign("POST", "/openai/v1/responses", "", headers, payloadHash, creds, time, true);
    assertThat(sig.amzDate()).isEqualTo(expected.get("date").asText());
    assertThat(SigV4Signer.sha256Hex(sig.canonicalRequest().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(expected.get("canonicalRequestHash").asText());
    assertThat(sig.authorization()).isEqualTo(expected.get("authorization").asText());
  }

  static Stream<JsonNode> openAiPythonSigV4Cases() {
    List<JsonNode> out = new ArrayList<>();
    Fixtures.json("aws-sigv4/openai-python/cases.json").get("cases").forEach(c -> {
      if (c.get("kind").asText().equals("sigv4")) out.add(c);
    });
    return out.stream();
  }

  @ParameterizedTest(name = "openai-python {0}")
  @MethodSource("openAiPythonSigV4Cases")
  void openAiPythonSigV4Cases(JsonNode c) {
    JsonNode given = c.get("given");
    JsonNode cr = given.get("credentials");
    String token = cr.has("session_token") ? cr.get("session_token").asText() : null;
    Credential.AwsCredentials creds = new Credential.AwsCredentials(cr.get("access_key_id").asText(),
        cr.get("secret_access_key").asText(), token, null);
    JsonNode signing = given.get("signing");
    Instant time = Instant.parse(signing.get("timestamp").asText());
    byte[] body = java.util.Base64.getDecoder().decode(given.get("request").get("body_base64").asText());
    String payloadHash = SigV4Signer.sha256Hex(body);
    List<Header> headers = new ArrayList<>();
    given.get("request").get("headers").fields().forEachRemaining(e -> headers.add(new Header(e.getKey(), e.getValue().asText())));
    headers.add(new Header("x-amz-content-sha256", payloadHash));
    headers.add(new Header("x-amz-date", SigV4Signer.amzDate(time)));
    if (token != null) headers.add(new Header("x-amz-security-token", token));
    String path = java.net.URI.create(given.get("request").get("url").asText()).getRawPath();
    SigV4Signer.Signature sig = new SigV4Signer(signing.get("region").asText(), signing.get("service").asText())
        .sign(given.get("request").get("method").asText(), path, "", headers, payloadHash, creds, time, true);
    JsonNode expected = c.get("expected");
    assertThat(payloadHash).isEqualTo(expected.get("payload_sha256").asText());
    assertThat(SigV4Signer.sha256Hex(sig.canonicalRequest().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(expected.get("canonical_request_sha256").asText());
    assertThat(sig.authorization()).isEqualTo(expected.get("headers").get("authorization").asText());
  }

  @Test
  void bedrockModelIdsAreDoubleEncodedInTheCanonicalPath() {
    String path = "/model/" + SigV4Signer.encodeSegment(
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5:0") + "/converse";
    assertThat(path).isEqualTo(
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5%3A0/converse");
    Instant time = Instant.parse("2025-01-02T03:04:05Z");
    SigV4Signer.Signature sig = new SigV4Signer("us-east-1", "bedrock").sign("POST", path, "",
        List.of(new Header("host", "bedrock-runtime.us-east-1.amazonaws.com"),
            new Header("x-amz-date", SigV4Signer.amzDate(time))),
        SigV4Signer.EMPTY_SHA256, EXAMPLE, time, true);
    assertThat(sig.canonicalRequest()).startsWith("POST\n/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A"
        + "123456789012%253Ainference-profile%252Fus.anthropic.claude-3-5%253A0/converse\n\n");
  }
}
