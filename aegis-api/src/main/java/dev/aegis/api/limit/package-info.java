/**
 * Rate limits on requests, tokens and concurrency per key, tenant, user and model, checked all or
 * nothing across scopes, and the storage SPI {@link dev.aegis.api.limit.LimiterStore}.
 */
@NullMarked
package dev.aegis.api.limit;

import org.jspecify.annotations.NullMarked;
