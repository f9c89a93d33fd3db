package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.credential.CredentialProvider;
import dev.aegis.api.provider.Provider;
import dev.aegis.api.provider.ProviderConfig;
import dev.aegis.api.provider.ProviderContext;
import dev.aegis.api.provider.ProviderFactory;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.internal.SharedHttp;
import dev.aegis.providers.openai.OpenAiProviderFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One connection pool per gateway, end to end: two providers configured by type on the same host
 * share one socket, and {@link Gateway#close()} closes the shared pool (no connection stays open,
 * the dispatcher stops). A probe factory (registered for this test through ServiceLoader) wraps
 * the OpenAI factory to see the context the gateway hands to its factories.
 */
class GatewayConnectionPoolTest {
  private static final String JSON = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
      + "\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";

  /** The OpenAI factory under another type name, recording the contexts it is given. */
  public static final class ProbeFactory implements ProviderFactory {
    static final List<ProviderContext> CONTEXTS = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "probe-openai";
    }

    @Override
    public Provider create(ProviderConfig config) {
      return new OpenAiProviderFactory().create(config);
    }

    @Override
    public Provider create(ProviderConfig config, ProviderContext context) {
      CONTEXTS.add(context);
      return new OpenAiProviderFactory().create(config, context);
    }
  }

  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() {
    server.close();
    ProbeFactory.CONTEXTS.clear();
  }

  @Test
  void providersShareOneConnectionAndGatewayCloseReleasesIt() throws Exception {
    server.start();
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(String.format(JSON, "one")).build());
    server.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(String.format(JSON, "two")).build());
    String base = server.url("/v1").toString();
    Gateway gateway = Gateway.builder()
        .provider(ProviderConfig.builder("a", "probe-openai").baseUrl(base).credentials(CredentialProvider.apiKey("k1")).build())
        .provider(ProviderConfig.builder("b", "openai").baseUrl(base).credentials(CredentialProvider.apiKey("k2")).build())
        .route("first", Strategy.single(Target.of("a", "gpt-x")))
        .route("second", Strategy.single(Target.of("b", "gpt-x")))
        .build();
    assertThat(ProbeFactory.CONTEXTS).hasSize(1);
    ProviderContext context = ProbeFactory.CONTEXTS.get(0);

    assertThat(gateway.route(request("first")).text()).isEqualTo("one");
    assertThat(gateway.route(request("second")).text()).isEqualTo("two");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).isZero();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex()).as("provider b reused a's socket").isZero();
    OkHttpClient shared = context.existing(SharedHttp.class).client();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);

    gateway.close();
    assertThat(context.isClosed()).isTrue();
    assertThat(shared.connectionPool().connectionCount()).as("no connection stays open after Gateway.close()").isZero();
    assertThat(shared.dispatcher().executorService().isShutdown()).isTrue();
  }

  private static ChatRequest request(String model) {
    return ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
  }
}
