/**
 * Aegis's shared state on Redis: {@link dev.aegis.redis.RedisStores} hands out the aegis-api
 * stores (keys, limits and budgets as one {@link dev.aegis.api.limit.AdmissionStore}, usage, the
 * exact cache) on one pooled client, for standalone Redis, Valkey or Redis Cluster.
 *
 * <p><b>Why Jedis 8 and not Lettuce 7.</b> The stores are called on the request's own thread and
 * block until Redis answers within a timeout; Jedis is a small blocking client made for exactly
 * that (a pooled connection per call, a socket timeout per call), while Lettuce's sync API is a
 * facade that parks the caller on a Netty event loop's future and brings Netty and Reactor along.
 * Jedis's {@code UnifiedJedis} runs the same code on a standalone server and on a cluster
 * ({@code RedisClient} / {@code RedisClusterClient}), routing each script by its keys' slot.
 *
 * <p>Every check-and-consume is one Lua script, run by SHA and reloaded on {@code NOSCRIPT}; every
 * key of one request carries its tenant's hash tag {@code {tenant}}; every key has an expiry except
 * a virtual key with no expiry of its own, which stays until revoked.
 */
@NullMarked
package dev.aegis.redis;

import org.jspecify.annotations.NullMarked;
