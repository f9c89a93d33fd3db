package dev.aegis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.event.ConfigReloaded;
import dev.aegis.api.event.EventFilter;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.health.TargetHealth;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.core.config.ConfigWatcher;
import dev.aegis.core.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: atomic, state kept for what did not change, code plugins kept, a bad file rejected whole. */
class ConfigReloadTest {
  private static final String BASE = String.join("\n",
      "providers:",
      "  bad: {type: mock, failSequence: \"503,503,503,503\"}",
      "  good: {type: mock, reply: ok}",
      "routes:",
      "  r:",
      "    type: fallback",
      "    targets:",
      "      - {provider: bad, circuitBreaker: {consecutiveFailures: 1, openDuration: 1h}}",
      "      - {provider: good}",
      "");
  private static final String WITH_EXTRA = BASE + "  s: {provider: good, model: other}\n";

  private static ChatRequest ask(String model) {
    return ChatRequest.builder().model(model).addMessage(Message.user("hi")).build();
  }

  /** A plugin set in code, counting the requests it sees. */
  static final class Counting implements Plugin {
    final AtomicLong requests = new AtomicLong();

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      requests.incrementAndGet();
      return RequestDecision.proceed();
    }
  }

  private static TargetHealth health(Gateway g, String target) {
    return g.health().targets().stream().filter(t -> t.target().equals(target)).findFirst().orElseThrow();
  }

  @Test
  void reloadingAHundredTimesUnderLoadFailsNoRequestAndKeepsTheBreakerOfUnchangedTargets() throws Exception {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    Counting counting = new Counting();
    GatewayConfig base = GatewayConfig.parse(BASE, "base.yaml");
    GatewayConfig extra = GatewayConfig.parse(WITH_EXTRA, "extra.yaml");
    try (Gateway g = Gateway.builder().ticker(new FakeTime()).plugin(counting)
        .hook(events::add, EventFilter.builder().types(ConfigReloaded.class, CircuitStateChanged.class).build()).config(base).build()) {
      assertThat(g.route(ask("r")).text()).isEqualTo("ok"); // bad fails once: its circuit opens for an hour
      assertThat(health(g, "bad").circuit()).isEqualTo(CircuitStateChanged.State.OPEN);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger failures = new AtomicInteger();
      AtomicInteger served = new AtomicInteger();
      CountDownLatch running = new CountDownLatch(2);
      List<Thread> callers = new java.util.ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread thread = new Thread(() -> {
          running.countDown();
          while (!stop.get()) {
            try {
              if ("ok".equals(g.route(ask("r")).text())) {
                served.incrementAndGet();
              } else {
                failures.incrementAndGet();
              }
            } catch (RuntimeException e) {
              failures.incrementAndGet();
            }
          }
        });
        thread.start();
        callers.add(thread);
      }
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        g.reload(i % 2 == 0 ? extra : base);
      }
      stop.set(true);
      for (Thread t : callers) {
        t.join(30_000);
      }
      assertThat(failures.get()).isZero();
      assertThat(served.get()).isPositive();
      // every call went through the plugin set in code, before and after the reloads
      assertThat(counting.requests.get()).isEqualTo(served.get() + 1);
      assertThat(health(g, "bad").circuit()).isEqualTo(CircuitStateChanged.State.OPEN);
      assertThat(g.route(ask("r")).metadata().target()).isEqualTo("good");
      Await.until("101 events", () -> events.size() == 101);
      List<ConfigReloaded> reloads = events.stream().filter(e -> e instanceof ConfigReloaded)
          .map(e -> (ConfigReloaded) e).collect(Collectors.toList());
      assertThat(reloads).hasSize(100);
      assertThat(reloads.get(0).added()).containsExactly("good/other");
      assertThat(reloads.get(0).removed()).isEmpty();
      assertThat(reloads.get(0).changed()).isEmpty();
      assertThat(reloads.get(1).added()).isEmpty();
      assertThat(reloads.get(1).removed()).containsExactly("good/other");
      // the breaker opened once, before the reloads, and was never rebuilt closed
      assertThat(events.stream().filter(e -> e instanceof CircuitStateChanged).count()).isEqualTo(1);
    }
  }

  @Test
  void aTargetAddedByAReloadGetsItsCircuitGauge() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try (Gateway g = Gateway.builder().ticker(new FakeTime()).meterRegistry(registry)
        .config(GatewayConfig.parse(BASE, "base.yaml")).build()) {
      g.route(ask("r"));
      assertThat(registry.find("aegis.circuit.state").tag("target", "bad").gauge().value()).isEqualTo(1.0);
      assertThat(registry.find("aegis.circuit.state").tag("target", "good/other").gauge()).isNull();
      g.reload(GatewayConfig.parse(WITH_EXTRA, "extra.yaml"));
      assertThat(registry.find("aegis.circuit.state").tag("target", "good/other").gauge().value()).isEqualTo(0.0);
      assertThat(registry.find("aegis.circuit.state").tag("target", "bad").gauge().value()).isEqualTo(1.0);
    }
  }

  @Test
  void aTargetWhoseSettingsChangedStartsAfreshAndIsReportedChanged() {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    try (Gateway g = Gateway.builder().ticker(new FakeTime()).hook(events::add, EventFilter.builder().types(ConfigReloaded.class).build())
        .config(GatewayConfig.parse(BASE, "base.yaml")).build()) {
      g.route(ask("r"));
      assertThat(health(g, "bad").circuit()).isEqualTo(CircuitStateChanged.State.OPEN);
      g.reload(GatewayConfig.parse(BASE.replace("consecutiveFailures: 1", "consecutiveFailures: 2"), "b.yaml"));
      assertThat(health(g, "bad").circuit()).isEqualTo(CircuitStateChanged.State.CLOSED);
      Await.until("the reload event", () -> events.size() == 1);
      assertThat(events).singleElement().isInstanceOfSatisfying(ConfigReloaded.class, e -> {
        assertThat(e.added()).isEmpty();
        assertThat(e.removed()).isEmpty();
        assertThat(e.changed()).containsExactly("bad");
      });
    }
  }

  @Test
  void anInvalidReloadIsRejectedWithEveryProblemAndTheOldConfigurationKeepsServing(@TempDir Path dir)
      throws Exception {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    try (Gateway g = Gateway.builder().ticker(new FakeTime()).hook(events::add, EventFilter.builder().types(ConfigReloaded.class).build())
        .config(GatewayConfig.parse(BASE, "base.yaml")).build()) {
      String before = g.describe();
      // valid key by key, but two different targets named "good": only the build can tell
      GatewayConfig clash = GatewayConfig.parse(BASE + "  s: {provider: good, name: good, model: other}\n"
          + "  t: {provider: bad, name: bad, model: x}\n", "clash.yaml");
      assertThatThrownBy(() -> g.reload(clash)).isInstanceOfSatisfying(ConfigException.class,
          e -> assertThat(e.problems()).extracting(Object::toString).containsExactly(
              "routes.s.target: target name 'good' is used for two different targets; give each its own name",
              "routes.t.target: target name 'bad' is used for two different targets; give each its own name"));
      assertThat(g.route(ask("r")).text()).isEqualTo("ok");
      assertThat(g.describe()).isEqualTo(before);
      assertThatThrownBy(() -> g.route(ask("s"))).hasMessageContaining("'s'");

      Path file = dir.resolve("aegis.yaml");
      Files.writeString(file, BASE.replace("type: fallback", "type: fallback\n    retries: 2"));
      List<ConfigException> rejected = new CopyOnWriteArrayList<>();
      try (ConfigWatcher w = ConfigWatcher.start(g, file, rejected::add)) {
        w.reloadNow();
      }
      assertThat(rejected).singleElement().satisfies(e -> assertThat(e.problems()).extracting(Object::toString)
          .containsExactly("routes.r.retries: unknown key; known: [type, weight, targets, on]"));
      assertThat(g.route(ask("r")).text()).isEqualTo("ok");
      // the rejected reloads published nothing: the next good one is the first event
      g.reload(GatewayConfig.parse(WITH_EXTRA, "extra.yaml"));
      Await.until("the reload event", () -> events.size() == 1);
      assertThat(events).singleElement().isInstanceOfSatisfying(ConfigReloaded.class,
          e -> assertThat(e.added()).containsExactly("good/other"));
    }
  }

  @Test
  void aReloadChangingSettingsFixedAtBuildNamesThemInTheEventAndAWarningAndKeepsTheBuiltValues() {
    List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    String built = BASE + "hookWorkers: 2\ncloseGracePeriod: 5s\n";
    try (Gateway g = Gateway.builder().ticker(new FakeTime()).hook(events::add, EventFilter.builder().types(ConfigReloaded.class).build())
        .config(GatewayConfig.parse(built, "base.yaml")).build()) {
      CapturedLogs.start();
      g.reload(GatewayConfig.parse(BASE + "hookWorkers: 3\ncloseGracePeriod: 5s\nhookQueueCapacity: 16\n"
          + "health: {probe: 30s}\ntelemetry: {logPrompts: true}\nrequestTimeout: 9s\n", "next.yaml"));
      List<CapturedLogs.Line> logs = CapturedLogs.stop();
      Await.until("the reload event", () -> events.size() == 1);
      assertThat(events).singleElement().isInstanceOfSatisfying(ConfigReloaded.class, e -> {
        assertThat(e.changed()).isEmpty();
        // requestTimeout is part of the swapped configuration, so it applies and is not listed
        assertThat(e.restartRequired()).containsExactly("hookWorkers", "hookQueueCapacity", "health.probe",
            "telemetry.logPrompts");
      });
      assertThat(logs).filteredOn(l -> l.level() == org.slf4j.event.Level.WARN).extracting(CapturedLogs.Line::message)
          .containsExactly("configuration reloaded from next.yaml: hookWorkers, hookQueueCapacity, health.probe,"
              + " telemetry.logPrompts changed but take effect on restart; the gateway keeps the values it was built with");

      // the same file as built: nothing to restart for, no warning
      CapturedLogs.start();
      g.reload(GatewayConfig.parse(built, "back.yaml"));
      assertThat(CapturedLogs.stop()).filteredOn(l -> l.level() == org.slf4j.event.Level.WARN).isEmpty();
      Await.until("the second reload event", () -> events.size() == 2);
      assertThat(((ConfigReloaded) events.get(1)).restartRequired()).isEmpty();
    }
  }
}
