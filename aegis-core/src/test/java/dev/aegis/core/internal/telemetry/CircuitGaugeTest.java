package dev.aegis.core.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.api.Ticker;
import dev.aegis.api.plugin.Exchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Circuit-state gauges exist for the targets known at build and for targets that appear later. */
class CircuitGaugeTest {
  private final Map<String, Integer> circuits = new ConcurrentHashMap<>(Map.of("a", 0));

  private final Telemetry.GatewayState state = new Telemetry.GatewayState() {
    @Override
    public int inFlight() {
      return 0;
    }

    @Override
    public long hookEventsDropped() {
      return 0;
    }

    @Override
    public int hookQueueSize() {
      return 0;
    }

    @Override
    public List<String> targets() {
      return List.of("a"); // what the configuration held at build
    }

    @Override
    public int circuitState(String target) {
      return circuits.getOrDefault(target, -1);
    }
  };

  @Test
  void aTargetFirstSeenAfterBuildGetsItsGaugeOnItsFirstAttempt() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Telemetry telemetry = Telemetry.create(registry, null, false, false, false, false, Ticker.system(), state);
    assertThat(gauges(registry)).containsExactly("a");

    circuits.put("b", 1); // a target of a newer configuration, its circuit open
    telemetry.start(chatExchange(), 0).targetStarted("b", null, "openai", "gpt-4o");
    telemetry.start(chatExchange(), 0).targetStarted("b", null, "openai", "gpt-4o");

    assertThat(gauges(registry)).containsExactly("a", "b");
    assertThat(registry.get("aegis.circuit.state").tag("target", "b").gauge().value()).isEqualTo(1.0);
    circuits.put("b", 2);
    assertThat(registry.get("aegis.circuit.state").tag("target", "b").gauge().value()).isEqualTo(2.0);
    assertThat(registry.get("aegis.circuit.state").tag("target", "a").gauge().value()).isEqualTo(0.0);
  }

  private static List<String> gauges(SimpleMeterRegistry registry) {
    return registry.find("aegis.circuit.state").gauges().stream().map(g -> g.getId().getTag("target")).sorted()
        .collect(Collectors.toList());
  }

  /** An exchange that answers only what the meters ask of a chat request. */
  private static Exchange chatExchange() {
    return (Exchange) Proxy.newProxyInstance(Exchange.class.getClassLoader(), new Class<?>[] {Exchange.class},
        (proxy, method, args) -> {
          if (method.getName().equals("isEmbedding")) return false;
          if (method.getName().equals("door")) return Exchange.Door.ROUTE;
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
