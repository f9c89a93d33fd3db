package dev.aegis.examples.serving;

import dev.aegis.api.event.EventHook;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.RequestCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts completed requests and their tokens into a Micrometer registry from the gateway's
 * public events: {@code aegis.requests{door,status}} and {@code aegis.tokens{type}}. (The
 * engine's own instrumentation, when it lands, registers richer meters in the same registry.)
 *
 * <p>Thread-safe, and it never blocks: Micrometer counters are lock-free.
 */
public final class RequestMetrics implements EventHook {
  private final MeterRegistry registry;
  private final Counter input;
  private final Counter output;

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.input = Counter.builder("aegis.tokens").tag("type", "input").register(registry);
    this.output = Counter.builder("aegis.tokens").tag("type", "output").register(registry);
  }

  @Override
  public void onEvent(GatewayEvent event) {
    if (!(event instanceof RequestCompleted)) return;
    RequestCompleted done = (RequestCompleted) event;
    registry.counter("aegis.requests", "door", done.door().name().toLowerCase(Locale.ROOT),
        "status", done.status().name().toLowerCase(Locale.ROOT)).increment();
    input.increment(done.usage().inputTokens());
    output.increment(done.usage().outputTokens());
  }
}
