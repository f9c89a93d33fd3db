package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.Scope;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;

/**
 * The examples' gateway: the built-in mock provider (no API key, deterministic answers, a tool
 * call when the request offers tools, embeddings) behind the alias {@value #ALIAS}, with virtual
 * keys: every caller, in-process or over HTTP, presents a key the gateway issued, through the
 * same auth path. {@link #issueDemoKey} issues the key the quickstart prints; {@link #issueAdminKey}
 * one for the {@code /admin} API.
 *
 * <p>Not meant to be shared: each example owns the gateway it builds.
 */
public final class DemoGateway {
  /** The demo alias, for chat and embeddings. */
  public static final String ALIAS = "demo";
  /** The tenant of the demo's keys. */
  public static final String TENANT = "demo";
  /**
   * The demo key's request limit per day, reported in {@code x-ratelimit-*} headers. A daily
   * allowance refills one request every 86.4 s, so the counts a test reads are exact.
   */
  public static final int REQUESTS_PER_DAY = 1000;
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

  /** A gateway builder with the mock, the demo route and virtual keys; add more before {@code build()}. */
  public static Gateway.Builder builder(Duration chunkDelay) {
    return Gateway.builder()
        .provider(mock(chunkDelay))
        .route(ALIAS, Strategy.single(Target.of("mock")))
        .virtualKeys();
  }

  /**
   * Issues the demo's inference key: tenant {@value #TENANT}, every model, {@value #REQUESTS_PER_DAY}
   * requests a day. Its secret is shown once, by the caller.
   */
  public static IssuedKey issueDemoKey(AiGateway gateway) {
    return gateway.virtualKeys().issue(VirtualKey.builder().tenant(TENANT).name("quickstart")
        .limit(RateLimit.requests(RateLimit.Scope.KEY, REQUESTS_PER_DAY, Duration.ofDays(1))).build());
  }

  /**
   * Issues a key for the admin API ({@code /admin}): keys, usage, budgets, health. It has no
   * tenant, so it manages every tenant (an admin key with a tenant manages only that one).
   */
  public static IssuedKey issueAdminKey(AiGateway gateway) {
    return gateway.virtualKeys().issue(VirtualKey.builder().name("admin").scope(Scope.ADMIN).build());
  }
}
