package dev.aegis.api.usage;

import dev.aegis.api.internal.Checks;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Usage aggregated over one time bucket for one tenant, key, model and provider ({@code "-"}
 * where there is none).
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the bucket's start (UTC, aligned to its width)
 * @param granularity its width
 * @param tenant the tenant
 * @param keyId the virtual key
 * @param model the upstream model
 * @param provider the provider instance
 * @param requests requests that ended in the bucket
 * @param failures of which failed or were cancelled
 * @param inputTokens input tokens, cached included
 * @param outputTokens output tokens, reasoning included
 * @param cacheReadTokens input tokens read from a prompt cache
 * @param cacheWriteTokens input tokens written to a prompt cache
 * @param reasoningTokens output tokens spent reasoning
 * @param cost the priced cost in US dollars
 * @param unpriced requests whose model had no price (their cost is not in {@code cost})
 */
public record UsageBucket(Instant start, Granularity granularity, String tenant, String keyId, String model,
    String provider, long requests, long failures, long inputTokens, long outputTokens, long cacheReadTokens,
    long cacheWriteTokens, long reasoningTokens, BigDecimal cost, long unpriced) {
  public UsageBucket {
    Checks.notNull(start, "start");
    Checks.notNull(granularity, "granularity");
    Checks.notNull(tenant, "tenant");
    Checks.notNull(keyId, "keyId");
    Checks.notNull(model, "model");
    Checks.notNull(provider, "provider");
    Checks.notNull(cost, "cost");
  }
}
