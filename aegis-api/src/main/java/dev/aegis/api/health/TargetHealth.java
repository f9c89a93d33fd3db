package dev.aegis.api.health;

import dev.aegis.api.event.CircuitStateChanged;
import dev.aegis.api.internal.Checks;
import dev.aegis.api.provider.Health;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One target's health as the gateway observed it.
 *
 * @param target the target name
 * @param provider the provider instance it calls
 * @param circuit the circuit breaker's state
 * @param errorRate the share of failed calls in the breaker's recent window, 0 to 1
 * @param latency the moving-average latency (to first content for streams), or {@code null}
 *     before the first success
 * @param lastError the last failure's message, scrubbed of anything key-like, or {@code null}
 * @param lastSuccess when the last call succeeded, or {@code null}
 * @param probe the active probe's last result, or {@code null} when probing is off
 *     <p>Immutable and thread-safe.
 */
public record TargetHealth(String target, String provider, CircuitStateChanged.State circuit, double errorRate,
    @Nullable Duration latency, @Nullable String lastError, @Nullable Instant lastSuccess,
    @Nullable Health probe) {
  public TargetHealth {
    Checks.notNull(target, "target");
    Checks.notNull(provider, "provider");
    Checks.notNull(circuit, "circuit");
  }
}
