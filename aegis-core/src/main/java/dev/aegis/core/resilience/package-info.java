/**
 * Resilience policies applied per target: {@link dev.aegis.core.resilience.RetryPolicy},
 * {@link dev.aegis.core.resilience.CircuitBreakerPolicy}, and the injectable
 * {@link dev.aegis.core.resilience.Sleeper} that backoff waits go through.
 */
@NullMarked
package dev.aegis.core.resilience;

import org.jspecify.annotations.NullMarked;
