/**
 * Usage and cost: one {@link dev.aegis.api.usage.UsageRecord} per request for
 * {@link dev.aegis.api.usage.UsageSink}s, aggregation in the {@link dev.aegis.api.usage.UsageStore},
 * and read access for admin APIs.
 */
@NullMarked
package dev.aegis.api.usage;

import org.jspecify.annotations.NullMarked;
