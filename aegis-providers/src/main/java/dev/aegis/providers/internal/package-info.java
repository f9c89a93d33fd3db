/**
 * Shared wire plumbing for the adapters: JSON, HTTP transport with deadlines and cancellation, SSE and NDJSON readers, error mapping. Not public API.
 */
@NullMarked
package dev.aegis.providers.internal;

import org.jspecify.annotations.NullMarked;
