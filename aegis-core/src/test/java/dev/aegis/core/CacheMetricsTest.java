package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.cache.CacheResult;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code aegis.cache.results}: every cache result (exact hit, semantic hit, miss, bypass) is
 * counted once, from the metadata the caller sees, on every door; a request the cache never saw
 * counts nothing.
 */
class CacheMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private double count(String result, String kind) {
    return registry.get("aegis.cache.results").tag("result", result).tag("kind", kind).counter().count();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void hitsMissesAndBypassesAreCountedOnEveryDoor(Door door) {
    gateway = Gateway.builder().provider(dev.aegis.providers.mock.MockProvider.builder("mock").echo().build())
        .route("demo", Strategy.single(Target.of("mock"))).meterRegistry(registry)
        .cache(ResponseCache.builder().build()).build();
    ChatRequest cacheable = ChatRequest.builder().model("demo").addMessage(Message.user("count me")).temperature(0.0)
        .build();
    ChatRequest sampled = cacheable.toBuilder().temperature(0.7).build();
    assertThat(count("miss", "")).isZero();

    ChatResponse miss = door.call(gateway, cacheable);
    ChatResponse hit = door.call(gateway, cacheable);
    ChatResponse secondHit = door.call(gateway, cacheable);
    ChatResponse bypass = door.call(gateway, sampled);

    assertThat(miss.metadata().cache()).isEqualTo(CacheResult.MISS);
    assertThat(hit.metadata().cache().isHit()).isTrue();
    assertThat(secondHit.metadata().cache().isHit()).isTrue();
    assertThat(bypass.metadata().cache()).isEqualTo(CacheResult.BYPASS);
    // the stream door ends its call after the terminal signal; poll, bounded
    Await.until("four results counted", () -> count("miss", "") + count("hit", "exact") + count("bypass", "") == 4);
    assertThat(count("miss", "")).isEqualTo(1.0);
    assertThat(count("hit", "exact")).isEqualTo(2.0);
    assertThat(count("hit", "semantic")).isEqualTo(0.0);
    assertThat(count("bypass", "")).isEqualTo(1.0);
  }
}
