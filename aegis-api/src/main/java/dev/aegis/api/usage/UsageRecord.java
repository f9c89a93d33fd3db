package dev.aegis.api.usage;

import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.plugin.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one request used and cost, as the gateway reports it to {@link UsageSink}s and aggregates
 * it in the {@link UsageStore}: who (tenant, user, key), what (alias, target, provider, model),
 * tokens by class, cost ({@code null} when the model is unpriced — never a made-up price),
 * latency and outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requestId the request id
 * @param timestamp when the request ended
 * @param tenant the tenant, or {@code null}
 * @param user the user, or {@code null}
 * @param keyId the virtual key, or {@code null}
 * @param alias the alias the caller asked for, or {@code null}
 * @param target the serving target, or {@code null} (a plugin answered, or nothing served)
 * @param provider the serving provider instance, or {@code null}
 * @param model the upstream model, or {@code null}
 * @param usage tokens by class ({@code inputTokens} includes cached tokens)
 * @param cost the cost in US dollars, or {@code null} when unpriced
 * @param latency the time from call to end
 * @param status how the request ended
 * @param errorKind the failure's kind, or {@code null}
 */
public record UsageRecord(String requestId, Instant timestamp, @Nullable String tenant, @Nullable String user,
    @Nullable String keyId, @Nullable String alias, @Nullable String target, @Nullable String provider,
    @Nullable String model, Usage usage, @Nullable BigDecimal cost, Duration latency, Outcome.Status status,
    @Nullable ErrorKind errorKind) {
  public UsageRecord {
    Checks.notBlank(requestId, "requestId");
    Checks.notNull(timestamp, "timestamp");
    Checks.notNull(usage, "usage");
    Checks.notNull(latency, "latency");
    Checks.notNull(status, "status");
  }
}
