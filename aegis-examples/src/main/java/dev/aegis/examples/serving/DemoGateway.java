package dev.aegis.examples.serving;

import dev.aegis.api.error.AuthenticationException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;

/**
 * The examples' gateway: the built-in mock provider (no API key, deterministic answers, a tool
 * call when the request offers tools, embeddings) behind the alias {@value #ALIAS}, and a tiny
 * plugin that accepts exactly one key, {@value #DEMO_KEY}, until virtual keys arrive.
 *
 * <p>Not meant to be shared: each example owns the gateway it builds.
 */
public final class DemoGateway {
  /** The only key the demo gateway accepts. */
  public static final String DEMO_KEY = "aegis-demo-key";
  /** The demo alias, for chat and embeddings. */
  public static final String ALIAS = "demo";
  /** The mock's answer. */
  public static final String REPLY =
      "Aegis routed this answer through one gateway object, in-process, with no network hop.";

  private DemoGateway() {}

  /** The mock provider; {@code chunkDelay} paces streamed tokens. */
  public static MockProvider mock(Duration chunkDelay) {
    return MockProvider.builder("mock")
        .reply(REPLY)
        .model("mock-1")
        .latency(Duration.ofMillis(15))
        .chunks(16)
        .chunkDelay(chunkDelay)
        .toolCall("get_weather", "{\"city\":\"Paris\"}")
        .embeddingDimensions(8)
        .build();
  }

  /** A gateway builder with the mock, the demo route and the demo-key plugin; add more before {@code build()}. */
  public static Gateway.Builder builder(Duration chunkDelay) {
    return Gateway.builder()
        .provider(mock(chunkDelay))
        .route(ALIAS, Strategy.single(Target.of("mock")))
        .plugin(new DemoKeyPlugin());
  }

  /**
   * Accepts only {@link #DEMO_KEY}, the same for HTTP callers (the endpoint passes their
   * {@code Authorization: Bearer} key as the credential) and in-process ones. Thread-safe.
   */
  static final class DemoKeyPlugin implements Plugin {
    @Override
    public String name() {
      return "demo-key";
    }

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      String key = exchange.credential();
      if (key == null) {
        return RequestDecision.reject(new AuthenticationException(
            "no API key was sent; this demo gateway accepts only the key the quickstart prints"));
      }
      if (!key.equals(DEMO_KEY)) {
        return RequestDecision.reject(new AuthenticationException("the API key is not valid for this demo gateway"));
      }
      return RequestDecision.proceed();
    }
  }
}
