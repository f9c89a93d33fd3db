/**
 * Aegis stores on Redis: virtual keys, rate limits, budgets, usage and the exact response cache,
 * shared by every gateway instance that points at the same Redis (standalone, Redis Cluster or
 * Valkey). Depends on aegis-api only, plus the Jedis client.
 *
 * <p>{@code dev.aegis.redis.internal} is not exported.
 */
module dev.aegis.redis {
  requires transitive dev.aegis.api;
  requires static org.jspecify;
  // Jedis ships no descriptor: its automatic module name is in its manifest
  requires redis.clients.jedis;
  requires org.apache.commons.pool2;
  requires org.slf4j;

  exports dev.aegis.redis;

  provides dev.aegis.api.config.StoreFactory with dev.aegis.redis.internal.RedisStoreFactory;
}
