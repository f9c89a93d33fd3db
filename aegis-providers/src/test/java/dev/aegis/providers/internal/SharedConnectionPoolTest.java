package dev.aegis.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderCall;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.providers.anthropic.AnthropicProviderFactory;
import dev.aegis.providers.openai.OpenAiProviderFactory;
import dev.aegis.providers.testing.Fixtures;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One connection pool per gateway: the providers created with one {@link ProviderContext} share a
 * client (pool and dispatcher), so two providers on the same host use one socket; closing the
 * context leaves no connection open and stops the dispatcher. Providers made without a context,
 * and providers given the host's own client, keep their old behaviour.
 */
class SharedConnectionPoolTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void enqueueAnswers() {
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(Fixtures.text("openai/openai-text.json")).build());
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json")
        .body(Fixtures.text("anthropic/anthropic-text.json")).build());
  }

  private ProviderConfig.Builder config(String name, String type) {
    return ProviderConfig.builder(name, type).baseUrl(server.url("/v1").toString())
        .credentials(CredentialProvider.apiKey("test-key"));
  }

  private static void chat(Provider p) {
    p.chat(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(),
        ProviderCall.builder().model("m").timeout(Duration.ofSeconds(30)).build());
  }

  private int connectionOf(RecordedRequest r) {
    return r.getConnectionIndex();
  }

  @Test
  void providersOfOneContextReuseOneConnectionAndCloseReleasesIt() throws Exception {
    enqueueAnswers();
    ProviderContext context = ProviderContext.create();
    Provider openai = new OpenAiProviderFactory().create(config("a", "openai").build(), context);
    Provider claude = new AnthropicProviderFactory().create(config("b", "anthropic")
        .readTimeout(Duration.ofSeconds(7)).build(), context);
    chat(openai);
    chat(claude);
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(second.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(connectionOf(first)).as("the first call opened connection 0").isZero();
    assertThat(connectionOf(second)).as("the second provider reused that socket").isZero();
    assertThat(second.getExchangeIndex()).isEqualTo(1);

    OkHttpClient shared = context.existing(SharedHttp.class).client();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
    openai.close();
    claude.close();
    assertThat(shared.connectionPool().connectionCount()).as("closing a provider leaves the shared pool to the context")
        .isEqualTo(1);
    context.close();
    assertThat(shared.connectionPool().connectionCount()).as("no connection stays open after close").isZero();
    assertThat(shared.dispatcher().executorService().isShutdown()).isTrue();
    assertThat(context.isClosed()).isTrue();
    assertThatThrownBy(() -> new OpenAiProviderFactory().create(config("c", "openai").build(), context))
        .isInstanceOf(IllegalStateException.class).hasMessage("the provider context is closed");
  }

  @Test
  void providersWithoutAContextEachOpenTheirOwnConnection() throws Exception {
    enqueueAnswers();
    try (Provider openai = new OpenAiProviderFactory().create(config("a", "openai").build());
        Provider claude = new AnthropicProviderFactory().create(config("b", "anthropic").build())) {
      chat(openai);
      chat(claude);
    }
    assertThat(connectionOf(server.takeRequest(5, TimeUnit.SECONDS))).isZero();
    assertThat(connectionOf(server.takeRequest(5, TimeUnit.SECONDS))).as("a separate pool, a separate socket").isEqualTo(1);
  }

  @Test
  void theHostsOwnClientIsUsedAndNeverClosedByTheContext() throws Exception {
    enqueueAnswers();
    OkHttpClient host = new OkHttpClient();
    ProviderContext context = ProviderContext.create();
    Provider openai = new OpenAiProviderFactory().create(config("a", "openai").extension(OkHttpClient.class, host).build(), context);
    Provider claude = new AnthropicProviderFactory().create(config("b", "anthropic").extension(OkHttpClient.class, host).build(), context);
    chat(openai);
    chat(claude);
    assertThat(connectionOf(server.takeRequest(5, TimeUnit.SECONDS))).isZero();
    assertThat(connectionOf(server.takeRequest(5, TimeUnit.SECONDS))).isZero();
    assertThat(context.existing(SharedHttp.class)).as("no shared client was made").isNull();
    context.close();
    assertThat(host.connectionPool().connectionCount()).as("the host's pool is the host's to close").isEqualTo(1);
    assertThat(host.dispatcher().executorService().isShutdown()).isFalse();
    host.connectionPool().evictAll();
    host.dispatcher().executorService().shutdown();
  }
}
