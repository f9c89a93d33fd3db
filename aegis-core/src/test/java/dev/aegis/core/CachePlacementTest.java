package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.SplitPlugin;
import dev.aegis.core.cache.ResponseCache;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Gateway.builder().cache(...)} through the real pipeline: a split plugin added before or
 * after the cache runs its input half before the lookup and its output half after it, so a miss
 * passes output half → cache → input half on the way back, and a hit, answered by the cache,
 * passes back through the input half only. On all three doors.
 */
class CachePlacementTest {
  private static final ChatRequest ASK = ChatRequest.builder().model("demo").addMessage(Message.user("hi"))
      .temperature(0.0).build();

  private final List<String> journal = new CopyOnWriteArrayList<>();
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private SplitPlugin guard() {
    RecordingPlugin input = new RecordingPlugin("guard.input", journal);
    RecordingPlugin output = new RecordingPlugin("guard.output", journal);
    return new SplitPlugin() {
      @Override
      public String name() {
        return "guard";
      }

      @Override
      public Plugin inputStage() {
        return input;
      }

      @Override
      public Plugin outputStage() {
        return output;
      }
    };
  }

  private List<String> stages(Door door) {
    String response = door == Door.STREAM ? ".onStream" : ".onResponse";
    return journal.stream().filter(s -> s.endsWith(".onRequest") || s.endsWith(response)).toList();
  }

  @ParameterizedTest
  @EnumSource(Door.class)
  void theCacheLandsBetweenTheHalvesWhateverTheCallOrder(Door door) {
    for (boolean cacheFirst : new boolean[] {true, false}) {
      journal.clear();
      Gateway.Builder b = Gateway.builder().provider(MockProvider.builder("mock").echo().build())
          .route("demo", Strategy.single(Target.of("mock")));
      RecordingPlugin user = new RecordingPlugin("user", journal);
      ResponseCache cache = ResponseCache.builder().build();
      if (cacheFirst) {
        b.cache(cache).plugin(guard()).plugin(user);
      } else {
        b.plugin(guard()).plugin(user).cache(cache);
      }
      gateway = b.build();
      String back = door == Door.STREAM ? ".onStream" : ".onResponse";

      door.call(gateway, ASK);
      assertThat(stages(door)).as("miss, cache first: " + cacheFirst).containsExactly(
          "guard.input.onRequest", "user.onRequest", "guard.output.onRequest",
          "guard.output" + back, "user" + back, "guard.input" + back);

      journal.clear();
      assertThat(door.call(gateway, ASK).metadata().cacheHit()).isTrue();
      assertThat(stages(door)).as("hit, cache first: " + cacheFirst).containsExactly(
          "guard.input.onRequest", "user.onRequest", "user" + back, "guard.input" + back);
      gateway.close();
      gateway = null;
    }
  }

  @Test
  void theCacheIsGivenOnce() {
    ResponseCache cache = ResponseCache.builder().build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gateway.builder()
            .provider(MockProvider.builder("mock").build()).route("demo", Strategy.single(Target.of("mock")))
            .cache(cache).plugin(cache).cache(ResponseCache.builder().build()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugins[0]: the response cache is already set with cache()")
        .hasMessageContaining("cache: a response cache is already set");
  }
}
