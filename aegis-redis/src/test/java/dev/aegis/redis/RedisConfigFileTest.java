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
import java.util.List;
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
      assertThat(j.keys("cfgtest*")).isNotEmpty().allMatch(k -> k.startsWith("cfgtest:") || k.startsWith("cfgtest{"));
    }
  }

  @Test
  void everyBadRedisSettingIsReportedWithItsPath() {
    assertThatThrownBy(() -> GatewayConfig.parse(
        file("{type: redis, clusterNodes: [\"localhost\"], limitsOnFailure: maybe, poolSize: 0}"), "bad.yaml"))
        .isInstanceOf(ConfigException.class);
    ConfigException e = null;
    try {
      Gateway.builder().config(GatewayConfig.parse(
          file("{type: redis, clusterNodes: [\"localhost\"], limitsOnFailure: maybe, poolSize: 0}"), "bad.yaml"))
          .build();
    } catch (ConfigException thrown) {
      e = thrown;
    }
    assertThat(e).isNotNull();
    List<String> paths = e.problems().stream().map(ConfigException.Problem::path).toList();
    assertThat(paths).contains("stores.shared.limitsOnFailure", "stores.shared.poolSize");
  }
}
