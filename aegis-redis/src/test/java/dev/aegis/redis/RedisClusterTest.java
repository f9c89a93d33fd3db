package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.Ticker;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.auth.VirtualKey;
import dev.aegis.api.budget.Budget;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.api.limit.RateLimit;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.PriceTable;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The same scripts on a 3-node Redis Cluster: every key of one request lands in its tenant's
 * slot, so no script is refused with CROSSSLOT, and tenants spread over the nodes.
 */
class RedisClusterTest {
  private static final PriceTable DOLLAR_A_TOKEN = PriceTable.of(Map.of(
      "mock/demo", PriceTable.Price.of("1000000", "1000000")));
  private static List<RedisServer> nodes;

  @BeforeAll
  static void startCluster() throws Exception {
    nodes = RedisServer.cluster();
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (nodes != null) {
      for (RedisServer n : nodes) {
        n.close();
      }
    }
  }

  @Test
  void aRequestsScopesLandInOneSlotAndTheScriptsRunOnEveryNode() {
    AtomicLong nanos = new AtomicLong(9_000_000_000_000L);
    Ticker ticker = nanos::get;
    try (RedisStores redis = RedisStores.builder().clusterNode("127.0.0.1", nodes.get(0).port())
        .ticker(ticker, true).timeout(Duration.ofSeconds(2)).build()) {
      Gateway gateway = Gateway.builder().provider(MockProvider.builder("mock").echo().build())
          .route("demo", Strategy.single(Target.of("mock"))).prices(DOLLAR_A_TOKEN)
          .limit(RateLimit.requests(RateLimit.Scope.TENANT, 3, Duration.ofMinutes(1)))
          .limit(RateLimit.requests(RateLimit.Scope.USER, 3, Duration.ofMinutes(1)))
          .limit(RateLimit.tokens(RateLimit.Scope.MODEL, 10_000, Duration.ofMinutes(1)))
          .limit(RateLimit.concurrent(RateLimit.Scope.TENANT, 4))
          .budget(Budget.of("daily", Budget.Scope.TENANT, "1000", Budget.Period.DAILY))
          .virtualKeys(redis.keyStore()).limiterStore(redis.limiterStore()).budgetStore(redis.budgetStore())
          .usageStore(redis.usageStore()).build();
      try {
        ChatRequest r = ChatRequest.builder().model("demo").addMessage(Message.user("hi")).maxTokens(4).build();
        Set<Integer> slots = new HashSet<>();
        for (String tenant : List.of("acme", "globex", "initech", "umbrella", "hooli", "wayne")) {
          RequestOptions o = RequestOptions.builder().principal(Principal.of("alice", tenant)).build();
          for (int i = 0; i < 3; i++) {
            assertThat(gateway.route(r, o).text()).isEqualTo("hi");
          }
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.route(r, o))
              .isInstanceOf(RateLimitedException.class);
          slots.add(JedisClusterCRC16.getSlot("{" + tenant + "}"));
          assertThat(redis.cacheStore().put(new CacheKey(tenant, "d".repeat(64)), new byte[] {1, 2},
              Duration.ofMinutes(1))).isTrue();
          assertThat(redis.cacheStore().get(new CacheKey(tenant, "d".repeat(64)))).isEqualTo(new byte[] {1, 2});
        }
        IssuedKey k = gateway.virtualKeys().issue(VirtualKey.builder().tenant("acme").build());
        assertThat(gateway.virtualKeys().revoke(k.key().id())).isTrue();
        assertThat(redis.flushUsage(Duration.ofSeconds(10))).isTrue();
        assertThat(redis.failures()).isEqualTo(Map.of("key", 0L, "rate-limit", 0L, "budget", 0L, "usage", 0L,
            "cache", 0L));
        // every key of a tenant sits in the tenant's slot, on whichever node owns it
        int nodesWithScripts = 0;
        for (RedisServer n : nodes) {
          try (Jedis j = new Jedis("127.0.0.1", n.port())) {
            for (String key : j.keys("aegis:{*")) {
              String tag = key.substring(key.indexOf('{'), key.indexOf('}') + 1);
              assertThat(JedisClusterCRC16.getSlot(key)).isEqualTo(JedisClusterCRC16.getSlot(tag));
            }
            nodesWithScripts += n.calls("evalsha") > 0 ? 1 : 0;
          }
        }
        assertThat(slots).hasSize(6);
        assertThat(nodesWithScripts).isEqualTo(3);
      } finally {
        gateway.close();
      }
    }
  }
}
