package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.Principal;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.event.AttemptFailed;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.FallbackTaken;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.HedgeFired;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.api.event.RequestFailed;
import dev.aegis.api.event.RequestInfo;
import dev.aegis.api.health.HookQueueHealth;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsTest {
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

  private static RequestOptions as(String principal, String tenant, String id) {
    return RequestOptions.builder().principal(Principal.of(principal, tenant)).requestId(id).build();
  }

  @Test
  void completedAndFailedRequestsCarryWhoWhatAndHowMuch() {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    ScriptedProvider a = ScriptedProvider.openai(time).failWith(503);
    ScriptedProvider b = new ScriptedProvider("backup", "anthropic", null, time, null);
    gateway = Gateway.builder().provider(a).provider(b).ticker(time).clock(clock).hook(events::add)
        .route("smart", Strategy.fallback(Target.builder("primary").provider("openai").model("gpt-4o").build(),
            Target.builder("secondary").provider("backup").model("claude").build()))
        .build();
    gateway.route(ask(), as("alice", "acme", "req-1"));
    Await.until("three events", () -> events.size() >= 3);

    RequestInfo info = new RequestInfo("req-1", "alice", "acme", "smart");
    assertThat(events).containsExactly(
        new AttemptFailed(NOW, info, "primary", "openai", "gpt-4o", 1, ErrorKind.UPSTREAM_ERROR, 503, true,
            Duration.ofMillis(250)),
        new FallbackTaken(NOW, info, "primary", "openai", ErrorKind.UPSTREAM_ERROR),
        new RequestCompleted(NOW, info, Exchange.Door.ROUTE, "secondary", "backup", ScriptedProvider.RESPONSE_MODEL,
            2, Duration.ofMillis(500), ScriptedProvider.USAGE, null, false));
    assertThat(events.get(2).outcome()).isEqualTo(Outcome.Status.SUCCESS);
  }

  @Test
  void aFailedRequestIsARequestFailedWithAScrubbedMessage() {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    gateway = Gateway.builder().provider(new ScriptedProvider("openai", "openai", null, time, "sk-live-0123456789abcdef")
            .failWith(400)).ticker(time).clock(clock).hook(events::add)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    assertThatThrownBy(() -> gateway.route(ask(), as("bob", "beta", "req-2"))).isInstanceOf(GatewayException.class);
    Await.until("two events", () -> events.size() >= 2);
    assertThat(events.get(1)).isEqualTo(new RequestFailed(NOW, new RequestInfo("req-2", "bob", "beta", "smart"),
        Exchange.Door.ROUTE, Outcome.Status.FAILURE, ErrorKind.UPSTREAM_INVALID_REQUEST,
        "provider 'openai' answered 400: upstream refused the call with api_key=****", "openai/gpt-4o", "openai", 1,
        Duration.ofMillis(250), dev.aegis.api.chat.Usage.ZERO, null));
  }

  @Test
  void hooksReceiveOnlyWhatTheirFilterLetsThrough() {
    List<GatewayEvent> failures = new CopyOnWriteArrayList<>();
    List<GatewayEvent> acme = new CopyOnWriteArrayList<>();
    List<GatewayEvent> successes = new CopyOnWriteArrayList<>();
    List<GatewayEvent> all = new CopyOnWriteArrayList<>();
    ScriptedProvider provider = ScriptedProvider.openai(time);
    gateway = Gateway.builder().provider(provider).ticker(time).clock(clock)
        .hook(failures::add, EventFilter.builder().types(RequestFailed.class, AttemptFailed.class).build())
        .hook(acme::add, EventFilter.builder().tenants("acme").build())
        .hook(successes::add, EventFilter.builder().outcomes(Outcome.Status.SUCCESS).build())
        .hook(all::add)
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask(), as("alice", "acme", "ok-acme"));
    provider.failWith(400);
    assertThatThrownBy(() -> gateway.route(ask(), as("bob", "beta", "bad-beta")))
        .isInstanceOf(GatewayException.class);
    Await.until("all events", () -> all.size() >= 3);

    assertThat(all).extracting(GatewayEvent::name)
        .containsExactly("request.completed", "attempt.failed", "request.failed");
    assertThat(failures).extracting(GatewayEvent::name).containsExactly("attempt.failed", "request.failed");
    assertThat(acme).extracting(e -> e.request().requestId()).containsExactly("ok-acme");
    assertThat(successes).extracting(e -> e.request().requestId()).containsExactly("ok-acme");
  }

  @Test
  void severalWorkersDeliverAtOnce() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).hookWorkers(2)
        .hook(e -> {
          threads.add(Thread.currentThread().getName());
          both.countDown();
          try {
            both.await(10, TimeUnit.SECONDS); // returns only when two workers hold an event each
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        })
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask());
    gateway.route(ask());
    assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).containsExactlyInAnyOrder("aegis-hooks-1", "aegis-hooks-2");
  }

  @Test
  void dropsAreCountedInStatsHealthAndTheMetric() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    gateway = Gateway.builder().provider(ScriptedProvider.openai(time)).ticker(time).hookQueueCapacity(1)
        .meterRegistry(registry)
        .hook(e -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        })
        .route("smart", Strategy.single(Target.of("openai", "gpt-4o"))).build();
    gateway.route(ask());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the worker holds event 1
    gateway.route(ask()); // queued
    gateway.route(ask()); // dropped
    gateway.route(ask()); // dropped
    assertThat(gateway.stats().hookEventsDropped()).isEqualTo(2);
    assertThat(gateway.health().hooks()).isEqualTo(new HookQueueHealth(1, 1, 2));
    assertThat(registry.get("aegis.hook.events.dropped").functionCounter().count()).isEqualTo(2.0);
    assertThat(registry.get("aegis.hook.queue.size").gauge().value()).isEqualTo(1.0);
    release.countDown();
  }

  @Test
  void aHedgeThatFiresIsAnEvent() throws Exception {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    gateway = Gateway.builder()
        .provider(MockProvider.builder("slow").reply("slow").gate(gate).build())
        .provider(MockProvider.builder("fast").reply("fast").build())
        .clock(clock).hook(events::add, EventFilter.builder().types(HedgeFired.class).build())
        .route("smart", Strategy.hedged(Duration.ofMillis(1), Strategy.single(Target.of("slow")),
            Strategy.single(Target.of("fast"))))
        .build();
    try {
      assertThat(gateway.route(ask(), RequestOptions.builder().requestId("h-1").build()).text()).isEqualTo("fast");
    } finally {
      gate.countDown();
    }
    Await.until("hedge event", () -> !events.isEmpty());
    assertThat(events).containsExactly(new HedgeFired(NOW, new RequestInfo("h-1", null, null, "smart"), 2));
  }
}
