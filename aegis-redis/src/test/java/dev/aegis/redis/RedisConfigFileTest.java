package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.Principal;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.core.Gateway;
import dev.aegis.core.config.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code type: redis} in a configuration file: found through ServiceLoader, validated from its
 * declared settings, and two gateways built from one file share its limits exactly.
 */
class RedisConfigFileTest {
  private static RedisServer server;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private static String file(String store) {
    return String.join("\n",
        "providers:",
        "  mock: {type: mock, reply: hello}",
        "routes:",
        "  demo: {type: single, provider: mock}",
        "stores:",
        "  shared: " + store,
        "limits:",
        "  store: shared",
        "  rules:",
        "    - {scope: tenant, kind: requests, amount: 3, per: 1h}",
        "");
  }

  @Test
  void twoGatewaysFromOneFileShareTheirLimitOnRedis() {
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      j.flushAll();
    }
    GatewayConfig config = GatewayConfig.parse(file("{type: redis, url: \"" + server.uri() + "\", prefix: cfgtest}"),
        "redis.yaml");
    RequestOptions acme = RequestOptions.builder().principal(Principal.of("alice", "acme")).build();
    ChatRequest hi = ChatRequest.builder().model("demo").addMessage(Message.user("hi")).build();
    try (Gateway a = Gateway.builder().config(config).build(); Gateway b = Gateway.builder().config(config).build()) {
      assertThat(a.route(hi, acme).text()).isEqualTo("hello");
      assertThat(b.route(hi, acme).text()).isEqualTo("hello");
      assertThat(a.route(hi, acme).text()).isEqualTo("hello");
      assertThatThrownBy(() -> b.route(hi, acme)).isInstanceOf(RateLimitedException.class);
      assertThatThrownBy(() -> a.route(hi, acme)).isInstanceOf(RateLimitedException.class);
    }
    try (Jedis j = new Jedis("127.0.0.1", server.port())) {
      // the one tenant-scoped request counter, under the file's prefix and the tenant's hash tag
      assertThat(j.keys("*")).containsExactly("cfgtest:{acme}:l:g:tenant=acme:tenant.requests:3/3600000");
    }
  }

  @Test
  void everyBadRedisSettingIsReportedWithItsPath() {
    assertThatThrownBy(() -> GatewayConfig.parse(
        file("{type: redis, clusterNodes: [\"localhost\"], limitsOnFailure: maybe, poolSize: 0}"), "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(ConfigException.Problem::path).containsExactlyInAnyOrder(
                "stores.shared.limitsOnFailure", "stores.shared.poolSize"));
  }
}
