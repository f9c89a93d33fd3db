package dev.aegis.providers.azure;

import static dev.aegis.providers.openai.WireAssertions.jsonResponse;
import static dev.aegis.providers.openai.WireAssertions.sseResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.credential.CredentialProvider;
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
 * The Azure OpenAI adapter passes the provider contract kit. Text answers and streams are Azure
 * recordings; Azure has no recorded Chat Completions tool call, so the tool scenarios use OpenAI's
 * (the same wire format).
 */
class AzureOpenAiProviderContractTest extends HttpProviderContractTest {

  @Override
  protected String basePath() {
    return "/";
  }

  @Override
  protected Provider newProvider(String baseUrl, OkHttpClient client, FaultSetup setup) {
    return AzureOpenAiProvider.create(ProviderConfig.builder("azure-test", "azure-openai").baseUrl(baseUrl)
        .credentials(CredentialProvider.apiKey("azure-key")).extension(OkHttpClient.class, client).options(setup.options()).connectTimeout(setup.connectTimeout())
        .readTimeout(setup.readTimeout()).build());
  }

  @Override
  protected MockResponse answer(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL: return jsonResponse(200, Fixtures.cassetteBody("openai/test_openai_tool_output.yaml", 0));
      case STREAM_TEXT: return sseResponse(Fixtures.sse("azure/azure-model-router.1.chunks.txt", true));
      case STREAM_TOOL_CALL:
        return sseResponse(Fixtures.cassetteBody("openai/test_run_stream_sync_streams_real_model.yaml", 0));
      default: return jsonResponse(200, Fixtures.cassetteBody("azure/test_azure_provider_call.yaml", 0));
    }
  }

  @Override
  protected MockResponse failure(int status) {
    String body = status == 400 ? Fixtures.text("azure/derived/azure-content-filter-prompt-400.reconstructed.json")
        .replace("content_filter", "invalid_prompt")
        : "{\"error\":{\"code\":\"" + status + "\",\"message\":\"failure " + status + "\"}}";
    MockResponse.Builder b = new MockResponse.Builder(jsonResponse(status, body));
    if (status == 429) b.setHeader("retry-after", "1");
    return b.build();
  }

  @Override
  protected void verify(Scenario scenario, RecordedRequest r) throws Exception {
    assertThat(r.getUrl().encodedPath()).isEqualTo("/openai/deployments/test-model/chat/completions");
    assertThat(r.getUrl().queryParameter("api-version")).isEqualTo(AzureOpenAiProvider.DEFAULT_API_VERSION);
    assertThat(r.getHeaders().get("api-key")).isEqualTo("azure-key");
    assertThat(r.getHeaders().get("Authorization")).isNull();
    ChatCompletionsContractBodies.assertRequest(scenario, r, served(Scenario.TOOL_CALL).toolCall());
  }

  @Override
  protected Answer served(Scenario scenario) {
    switch (scenario) {
      case TOOL_CALL:
        return Answer.tool("call_iXFttys57ap0o16JSlC8yhYo", "get_user_country", "{}", 68, 12);
      case STREAM_TEXT:
        return Answer.text("Capital of Denmark.", 15, 78);
      case STREAM_TOOL_CALL:
        return Answer.tool("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}", 53, 15);
      default:
        return Answer.text("The capital of France is **Paris**.", 14, 9);
    }
  }
}
