package dev.aegis.api.event;

import dev.aegis.api.internal.Checks;
import dev.aegis.api.usage.UsageRecord;
import java.time.Instant;

/**
 * A request's usage and cost were recorded. The gateway delivers it to hooks and, through them,
 * to every {@link dev.aegis.api.usage.UsageSink}.
 *
 * @param timestamp when the request ended
 * @param record what it used and cost
 *     <p>Immutable and thread-safe.
 */
public record UsageRecorded(Instant timestamp, UsageRecord record) implements GatewayEvent {
  public UsageRecorded {
    Checks.notNull(timestamp, "timestamp");
    Checks.notNull(record, "record");
  }

  @Override
  public String name() {
    return "usage.recorded";
  }
}
