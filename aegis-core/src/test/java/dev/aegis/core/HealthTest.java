package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.CircuitStateChanged.State;
import dev.aegis.api.health.AliasHealth;
import dev.aegis.api.health.HealthReport;
import dev.aegis.api.health.HookQueueHealth;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.TargetHealth;
import dev.aegis.api.provider.Health;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final FakeTime time = new FakeTime();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private Gateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().model("smart").addMessage(Message.user("hi")).build();
  }

  private Gateway.Builder builder(ScriptedProvider provider) {
    return Gateway.builder().provider(provider).ticker(time).clock(clock)
        .route("smart", Strategy.single(Target.builder("primary").provider(provider.name()).model("gpt-4o")
            .circuitBreaker(CircuitBreakerPolicy.builder().consecutiveFailures(1).openDuration(Duration.ofSeconds(30))
                .build()).build()));
  }

  @Test
  void aFreshGatewayIsReadyAndAServedCallIsRecorded() {
    gateway = builder(ScriptedProvider.openai(time)).build();
    HealthReport before = gateway.health();
    assertThat(before).isEqualTo(new HealthReport(NOW, true, false,
        List.of(new TargetHealth("primary", "openai", State.CLOSED, 0.0, null, null, null, null)),
        List.of(new AliasHealth("smart", true, List.of("primary"))), List.of(), new HookQueueHealth(0, 4096, 0)));

    gateway.route(ask());
    assertThat(gateway.health().targets()).containsExactly(new TargetHealth("primary", "openai", State.CLOSED, 0.0,
        Duration.ofMillis(250), null, NOW, null));
  }

  @Test
  void anOpenBreakerMakesTheAliasUnroutableUntilItMayProbeAgain() {
    gateway = builder(ScriptedProvider.openai(time).failWith(503)).build();
    assertThatThrownBy(() -> gateway.route(ask())).isInstanceOf(GatewayException.class);

    HealthReport open = gateway.health();
    assertThat(open.ready()).isFalse();
    assertThat(open.aliases()).containsExactly(new AliasHealth("smart", false, List.of()));
    TargetHealth t = open.targets().get(0);
    assertThat(t.circuit()).isEqualTo(State.OPEN);
    assertThat(t.errorRate()).isEqualTo(1.0);
    assertThat(t.lastError()).isEqualTo("provider 'openai' answered 503: upstream refused the call with api_key=****");
    assertThat(t.lastSuccess()).isNull();

    time.advance(Duration.ofSeconds(30));
    HealthReport halfOpen = gateway.health();
    assertThat(halfOpen.ready()).isTrue();
    assertThat(halfOpen.aliases()).containsExactly(new AliasHealth("smart", true, List.of("primary")));
  }

  @Test
  void anUnreachableStoreMakesTheGatewayNotReady() {
    AtomicReference<StoreHealth> redis = new AtomicReference<>(StoreHealth.up("redis"));
    gateway = builder(ScriptedProvider.openai(time)).store(redis::get)
        .store(() -> {
          throw new IllegalStateException("pool closed, password=hunter22secret");
        }).build();
    HealthReport report = gateway.health();
    assertThat(report.stores()).containsExactly(StoreHealth.up("redis"),
        new StoreHealth("stores[1]", false, "health check failed: pool closed, password=****"));
    assertThat(report.ready()).isFalse();

    gateway.close();
    gateway = builder(ScriptedProvider.openai(time)).store(redis::get).build();
    assertThat(gateway.health().ready()).isTrue();
    redis.set(StoreHealth.down("redis", "connection refused"));
    assertThat(gateway.health().ready()).isFalse();
    assertThat(gateway.health().stores()).containsExactly(new StoreHealth("redis", false, "connection refused"));
    redis.set(StoreHealth.up("redis"));
    assertThat(gateway.health().ready()).isTrue();
  }

  @Test
  void aDrainingGatewayIsNotReady() {
    gateway = builder(ScriptedProvider.openai(time)).build();
    assertThat(gateway.health().draining()).isFalse();
    gateway.close();
    HealthReport report = gateway.health();
    assertThat(report.draining()).isTrue();
    assertThat(report.ready()).isFalse();
    assertThat(report.aliases()).containsExactly(new AliasHealth("smart", true, List.of("primary")));
  }

  @Test
  void theActiveProbeMarksAProviderDownWhenItsModelsCallFails() {
    ScriptedProvider provider = ScriptedProvider.openai(time);
    provider.modelsFail(true);
    gateway = builder(provider).healthProbe(Duration.ofHours(1)).build();
    Await.until("the first probe ran", () -> gateway.health().targets().get(0).probe() != null);
    HealthReport report = gateway.health();
    assertThat(report.targets().get(0).probe())
        .isEqualTo(Health.down("provider 'openai' answered 503: models endpoint is down"));
    assertThat(report.aliases()).containsExactly(new AliasHealth("smart", false, List.of()));
    assertThat(report.ready()).isFalse();
  }

  @Test
  void withoutAProbeThereIsNoProbeResult() {
    gateway = builder(ScriptedProvider.openai(time)).build();
    assertThat(gateway.health().targets().get(0).probe()).isNull();
  }
}
