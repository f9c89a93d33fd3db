package dev.aegis.providers.compat;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.providers.openai.ChatCompletionsContractBodies;
import dev.aegis.providers.openai.Fixtures;
import dev.aegis.providers.openai.HttpProviderContractTest;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/**
 * The generic preset (any base URL, no credentials: a vLLM or llama.cpp server) passes the
 * provider contract kit, with recorded traffic of other compatible servers: Ollama's
 * {@code /v1/chat/completions} text answer, xAI's tool call, Mistral's text stream (usage on the
 * last content chunk) and xAI's tool-call stream.
 */
class GenericPresetContractTest extends HttpProviderContractTest {

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup) {
    return new OpenAiCompatibleProviderFactory().create(ProviderConfig.builder("local-llm", "openai-compatible")
        .baseUrl(baseUrl).local(true).extension(OkHttpClient.class, client).options(setup.options()).connectTimeout(setup.connectTimeout())
        .readTimeout(setup.readTimeout()).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.text("openai-compatible/xai-tool-call.json"));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("mistral/mistral-text.chunks.txt", true));
      case STREAM_TOOL_CALL: return sseResponse(Fixtures.sse("openai-compatible/xai-tool-call.chunks.txt", true));
      default: return jsonResponse(200, Fixtures.cassetteBody("ollama/test_ollama_cloud_tool_output.yaml", 0));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    MockResponse.Builder b = new MockResponse.Builder(jsonResponse(status,
        "{\"object\":\"error\",\"message\":\"failure " + status + "\",\"type\":\"BadRequestError\",\"code\":" + status + "}"));
    if (status == 429) b.setHeader("retry-after", "3");
    return b.build();
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isNull();
    ChatCompletionsContractBodies.assertRequest(scenario, r, served(Scenario.TOOL_CALL).toolCall());
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("call_46427107", "weather", "{\"location\":\"San Francisco\"}", 307, 281);
      case STREAM_TEXT:
        return Answer.text("Hello, world! This is a test response.", 13, 8);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_79382389", "weather", "{\"location\":\"San Francisco\"}", 307, 253);
      default:
        return Answer.text("Paris.", 134, 122);
    }
  }
}
