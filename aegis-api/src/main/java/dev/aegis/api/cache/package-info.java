/**
 * The response cache's contracts: the {@link dev.aegis.api.cache.CacheStore} an exact cache keeps
 * its entries in (in memory in aegis-core, on Redis in aegis-redis), its keys, and the
 * {@link dev.aegis.api.cache.CacheResult} a request reports in its metadata and
 * {@link dev.aegis.api.chat.StreamStart}.
 */
@NullMarked
package dev.aegis.api.cache;

import org.jspecify.annotations.NullMarked;
