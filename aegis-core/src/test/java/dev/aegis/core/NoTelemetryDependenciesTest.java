package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own Surefire execution with micrometer-core and opentelemetry-api removed from the
 * class path (see aegis-core's pom): the gateway, its builder, its health report and its events
 * must work without them, on every door. (Excluded from the default execution.)
 */
class NoTelemetryDependenciesTest {

  @Test
  void theJarsAreReallyAbsent() {
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.opentelemetry.context.Context"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void everyDoorWorksWithoutThem() {
    FakeTime time = new FakeTime();
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    try (Gateway gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time)
        .logPrompts(false).propagateTraceContext(true).semconvLatest(true).hook(events::add)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build()) {
      ChatRequest ask = ChatRequest.builder().model("smart").addMessage(Message.user("hi")).build();
      for (Door door : Door.values()) {
        assertThat(door.call(gateway, ask).text()).isEqualTo("Hello world");
      }
      assertThat(gateway.health().ready()).isTrue();
      Await.until("three events", () -> events.size() == 3);
      assertThat(events).extracting(GatewayEvent::name).containsOnly("request.completed");
    }
  }
}
