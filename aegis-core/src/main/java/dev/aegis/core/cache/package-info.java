/**
 * The response cache: the {@link dev.aegis.core.cache.ResponseCache} plugin (exact, optionally
 * semantic, with request coalescing), its {@link dev.aegis.core.cache.CachePolicy} and the
 * in-memory {@link dev.aegis.core.cache.InMemoryCacheStore}.
 */
@NullMarked
package dev.aegis.core.cache;

import org.jspecify.annotations.NullMarked;
