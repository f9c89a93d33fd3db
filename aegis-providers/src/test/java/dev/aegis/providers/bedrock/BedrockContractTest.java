package dev.aegis.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.credential.Credential;
import dev.aegis.api.provider.Provider;
import dev.aegis.providers.aws.AwsCredentialProviders;
import dev.aegis.providers.aws.internal.SigV4Signer;
import dev.aegis.providers.testing.Fixtures;
import dev.aegis.providers.testing.HttpContractSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** The Bedrock adapter passes the provider contract kit against recorded answers, SigV4-signed. */
class BedrockContractTest extends HttpContractSupport {
  static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  static final String IMAGE =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  static final String TOOLS = "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city\","
      + "\"inputSchema\":{\"json\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}}]}";

  @Override
  protected String model() {
    return "us.amazon.nova-micro-v1:0";
  }

  @Override
  protected Provider provider() {
    return new BedrockProvider(config("bedrock", "/").option("region", "us-east-1")
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .credentials(AwsCredentialProviders.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"))
        .build());
  }

  private void enqueueStream(String file) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/vnd.amazon.eventstream")
        .addHeader("x-amzn-requestid", "req-1").body(new Buffer().write(Fixtures.bytes(file))).build());
  }

  @Override
  protected Provider providerFor(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        enqueue(200, "application/json", Fixtures.text("amazon-bedrock/amazon-bedrock-tool-call.1.json"));
        break;
      case STREAM_TEXT:
        enqueueStream("amazon-bedrock/derived/test_bedrock_model_stream.response0.eventstream.bin");
        break;
      case STREAM_TOOL_CALL:
        enqueueStream("amazon-bedrock/derived/test_bedrock_model_iter_stream.response0.eventstream.bin");
        break;
      case HANG:
        enqueueHang();
        break;
      default:
        enqueue(200, "application/json", Fixtures.text("amazon-bedrock/amazon-bedrock-text.json"));
    }
    return provider();
  }

  @Override
  protected boolean sendsRetryAfter() {
    return false;
  }

  @Override
  protected Provider providerFailingWith(int status) {
    String type = status == 400 ? "ValidationException" : status == 401 ? "UnrecognizedClientException"
        : status == 403 ? "AccessDeniedException" : status == 404 ? "ResourceNotFoundException"
        : status == 429 ? "ThrottlingException" : status == 503 ? "ServiceUnavailableException" : "InternalServerException";
    server.enqueue(new MockResponse.Builder().code(status).addHeader("content-type", "application/json")
        .addHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
        .addHeader("x-amzn-RequestId", "req-err").body("{\"message\":\"boom\"}").build());
    return provider();
  }

  @Override
  protected void verifyRequest(Scenario scenario) throws Exception {
    RecordedRequest r = take();
    boolean stream = scenario == Scenario.STREAM_TEXT || scenario == Scenario.STREAM_TOOL_CALL;
    assertThat(r.getTarget()).isEqualTo("/model/us.amazon.nova-micro-v1%3A0/" + (stream ? "converse-stream" : "converse"));
    assertThat(r.getHeaders().get("x-amz-date")).isEqualTo("20250102T030405Z");
    assertThat(r.getHeaders().get("x-amz-security-token")).isEqualTo("session-token");
    // the signature covers exactly what arrived: recompute it from the received request
    byte[] body = r.getBody().toByteArray();
    List<SigV4Signer.Header> headers = List.of(
        new SigV4Signer.Header("accept", r.getHeaders().get("accept")),
        new SigV4Signer.Header("content-type", r.getHeaders().get("content-type")),
        new SigV4Signer.Header("host", r.getHeaders().get("host")),
        new SigV4Signer.Header("x-amz-date", r.getHeaders().get("x-amz-date")),
        new SigV4Signer.Header("x-amz-security-token", r.getHeaders().get("x-amz-security-token")));
    SigV4Signer.Signature expectedSig = new SigV4Signer("us-east-1", "bedrock").sign("POST", r.getUrl().encodedPath(), "",
        headers, SigV4Signer.sha256Hex(body),
        new Credential.AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token", null), NOW, true);
    assertThat(r.getHeaders().get("authorization")).isEqualTo(expectedSig.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock/aws4_request, "
            + "SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=");
    assertThat(expectedSig.canonicalRequest()).contains("\n/model/us.amazon.nova-micro-v1%253A0/");
    String expected;
    switch (scenario) {
      case TEXT:
      case STREAM_TEXT:
        expected = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Say hello\"}]}]}";
        break;
      case MULTI_TURN:
        expected = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"My name is Ada.\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello Ada.\"}]},{\"role\":\"user\",\"content\":[{\"text\":\"What is my name?\"}]}]}";
        break;
      case SYSTEM_PROMPT:
        expected = "{\"system\":[{\"text\":\"Answer in French.\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}";
        break;
      case IMAGE_INPUT:
        expected = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"What is in this image?\"},"
            + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + IMAGE + "\"}}}]}]}";
        break;
      case TOOL_CALL:
      case STREAM_TOOL_CALL:
        expected = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris?\"}]}]," + TOOLS + "}";
        break;
      case TOOL_RESULT_ANSWER:
        expected = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Weather in Paris?\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"tool-use-id\",\"name\":\"bash\",\"input\":{\"command\":\"ls -l\"}}}]},"
            + "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"tool-use-id\",\"content\":[{\"json\":{\"temperature\":21}}]}}]}],"
            + TOOLS + "}";
        break;
      default:
        return;
    }
    assertThat(r.getBody().utf8()).isEqualTo(Fixtures.jsonOf(expected.getBytes()).toString());
  }

  @Override
  public String endedEarlyDetail() {
    return "the stream ended before messageStop";
  }

  @Override
  public byte[] streamErrorEvent() {
    return dev.aegis.providers.contract.HttpFaultContract.exceptionFrame("serviceUnavailableException",
        "{\"message\":\"Service is unavailable\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String streamErrorMessage(String provider) {
    return "the stream from " + provider + " failed: serviceUnavailableException: Service is unavailable";
  }

  @Override
  public String wrongContentTypeDetail(String json) {
    return "the event stream is malformed: Prelude checksum mismatch (content type application/json)";
  }

  @Override
  public Framing framing() {
    return Framing.EVENT_STREAM;
  }

  /** messageStart, then a text delta "Hi", as binary event-stream frames. */
  @Override
  public byte[] firstStreamEvents() {
    return dev.aegis.providers.contract.HttpFaultContract.concat(
        dev.aegis.providers.contract.HttpFaultContract.eventFrame("messageStart",
            "{\"role\":\"assistant\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        dev.aegis.providers.contract.HttpFaultContract.eventFrame("contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("tool-use-id", "bash", "{\"command\":\"ls -l\"}", 10, 20);
      case STREAM_TEXT:
        return Answer.text("The capital of France is Paris. Paris is not only the capital city but also the most populous city in "
            + "France, and it is a major center for culture, commerce, fashion, and international diplomacy. Known "
            + "for its historical landmarks, such as the Eiffel Tower, the Louvre Museum, and Notre-Dame Cathedral, "
            + "Paris is often referred to as \"The City of Light\" or \"The City of Love.\"", 13, 82);
      case STREAM_TOOL_CALL:
        return new Answer("<thinking> To find the temperature of the capital of France, I need to first determine the capital "
            + "of France and then get the current temperature in that city. The capital of France is Paris. I will use the "
            + "\"get_temperature\" tool to find the current temperature in Paris.</thinking>\n",
            ToolCall.of("tooluse_lAG_zP8QRHmSYOwZzzaCqA", "get_temperature", "{\"city\":\"Paris\"}"), 471, 91);
      default:
        return Answer.text("Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** \"r\"s "
            + "in \"strawberry.\"", 22, 57);
    }
  }
}
