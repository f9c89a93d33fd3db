package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.cache.CacheKey;
import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.cache.internal.CacheCodec;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The cache on Redis between the guardrail halves: what Redis holds is masked and scanned, never a
 * raw card number or email, and a second caller with the same masked prompt gets their own values.
 */
class MaskedOnRedisTest {
  private static final String CARD_A = "4111 1111 1111 1111";
  private static final String CARD_B = "5500 0000 0000 0004";

  @Test
  void redisHoldsOnlyMaskedAnswers() throws Exception {
    try (RedisServer server = RedisServer.start();
        RedisStores redis = RedisStores.builder().uri(server.uri()).build()) {
      GuardrailPlugin guardrails = GuardrailPlugin.defaults();
      try (Gateway g = Gateway.builder()
          .provider(MockProvider.builder("mock").echo().build(), true)
          .route("local", Strategy.single(Target.of("mock")))
          .plugin(guardrails.inputStage())
          .plugin(ResponseCache.builder().store(redis.cacheStore()).ttl(Duration.ofMinutes(1)).build())
          .plugin(guardrails.outputStage())
          .build()) {
        RequestOptions ann = RequestOptions.builder().principal(Principal.of("ann", "acme")).build();
        RequestOptions bob = RequestOptions.builder().principal(Principal.of("bob", "acme")).build();
        ChatResponse first = g.route(ask("Refund card " + CARD_A + " for ann@example.com"), ann);
        assertThat(first.text()).isEqualTo("Refund card " + CARD_A + " for ann@example.com");
        assertThat(first.metadata().cache()).isEqualTo(CacheResult.MISS);
        ChatResponse second = g.route(ask("Refund card " + CARD_B + " for bob@example.com"), bob);
        assertThat(second.metadata().cacheHit()).isTrue();
        assertThat(second.text()).isEqualTo("Refund card " + CARD_B + " for bob@example.com");

        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
          Set<String> keys = j.keys("aegis:*");
          assertThat(keys).hasSize(1);
          String key = keys.iterator().next();
          assertThat(key).startsWith("aegis:{acme}:c:");
          byte[] value = redis.cacheStore().get(new CacheKey("acme", key.substring(key.length() - 64)));
          String stored = new String(CacheCodec.plain(value), StandardCharsets.UTF_8);
          assertThat(stored).contains("Refund card <CREDIT_CARD_1> for <EMAIL_1>")
              .doesNotContain(CARD_A, "4111111111111111", "ann@example.com", CARD_B, "bob@example.com");
        }
      }
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("local").addMessage(Message.user(text)).temperature(0.0).build();
  }
}
