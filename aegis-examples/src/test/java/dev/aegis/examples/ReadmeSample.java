package dev.aegis.examples;

import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.plugin.Plugin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Java sample of README.md, wrapped into a class by {@link ReadmeSamplesTest}: its code runs
 * inside {@link #run}, with the README's free variables as parameters, and returns the variables
 * it declares at its top level, by name.
 *
 * <p>Public because the generated classes live in another class loader. Not thread-safe.
 */
public interface ReadmeSample {

  Map<String, Object> run(Plugin myPlugin, Audit audit) throws Exception;

  /** The README's {@code audit}: keeps every event the hook hands it. Thread-safe. */
  final class Audit {
    private final List<GatewayEvent> events = new CopyOnWriteArrayList<>();

    public void record(GatewayEvent event) {
      events.add(event);
    }

    public List<GatewayEvent> events() {
      return List.copyOf(events);
    }
  }
}
