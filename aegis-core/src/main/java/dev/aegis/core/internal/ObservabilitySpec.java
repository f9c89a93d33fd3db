package dev.aegis.core.internal;

import dev.aegis.api.health.StoreHealthCheck;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The observability settings the builder collected.
 *
 * @param meterRegistry a Micrometer {@code MeterRegistry}, typed {@code Object} so this record
 *     loads without Micrometer; or null
 * @param openTelemetry an {@code OpenTelemetry}, likewise; or null
 * @param semconvLatest emit the latest GenAI conventions; null reads the environment
 * @param principalTags tag request meters with tenant and principal
 * @param propagateTraceContext send {@code traceparent} to providers
 * @param logPrompts log prompt and completion text
 * @param stores shared stores whose health counts for readiness
 * @param probeInterval the active provider probe's interval, or null when off
 */
public record ObservabilitySpec(@Nullable Object meterRegistry, @Nullable Object openTelemetry,
    @Nullable Boolean semconvLatest, boolean principalTags, boolean propagateTraceContext, boolean logPrompts,
    List<StoreHealthCheck> stores, @Nullable Duration probeInterval) {
  public static final ObservabilitySpec NONE =
      new ObservabilitySpec(null, null, null, false, false, false, List.of(), null);
}
