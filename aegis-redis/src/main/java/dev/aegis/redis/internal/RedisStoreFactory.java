package dev.aegis.redis.internal;

import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.config.StoreFactory;
import dev.aegis.api.config.Stores;
import dev.aegis.api.error.ConfigException;
import dev.aegis.redis.FailureMode;
import dev.aegis.redis.RedisStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Store type {@code redis}: keys, limits, budgets, usage and the response cache on one Redis,
 * Redis Cluster or Valkey, shared by every instance that names it
 * ({@code stores: {shared: {type: redis, url: ${env:REDIS_URL}}}}). Limits and budgets come back
 * as one store, so the gateway admits a request in one round trip.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisStoreFactory implements StoreFactory {
  private static final String FAIL_CLOSED = "fail-closed";
  private static final String FAIL_OPEN = "fail-open";

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public String description() {
    return "State on Redis (standalone, Cluster or Valkey), exact across every gateway instance that shares it.";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(
        Setting.builder("url", SettingType.SECRET)
            .doc("A standalone server, redis://user:password@host:6379/0 or rediss://...; or give clusterNodes.")
            .build(),
        Setting.builder("clusterNodes", SettingType.STRING_LIST)
            .doc("Redis Cluster nodes to discover the cluster from, as host:port.").build(),
        Setting.builder("prefix", SettingType.STRING).defaultValue("aegis")
            .doc("The prefix of every key, so several deployments can share one Redis.").build(),
        Setting.builder("timeout", SettingType.DURATION).defaultValue("500ms")
            .doc("Connect, read and pool-wait timeout of every call.").min(0, true).build(),
        Setting.builder("poolSize", SettingType.INTEGER).defaultValue("32")
            .doc("Pooled connections per instance.").min(0, true).build(),
        Setting.builder("keyCacheTtl", SettingType.DURATION).defaultValue("2s")
            .doc("How long a key lookup is kept in memory: the bound on how late a revocation is seen.").build(),
        Setting.builder("limitsOnFailure", SettingType.STRING).defaultValue(FAIL_CLOSED).allowed(FAIL_CLOSED, FAIL_OPEN)
            .doc("Whether rate limits refuse (fail-closed) or admit (fail-open) while Redis is unreachable.").build(),
        Setting.builder("cacheOnFailure", SettingType.STRING).defaultValue(FAIL_OPEN).allowed(FAIL_CLOSED, FAIL_OPEN)
            .doc("Whether the cache fails requests (fail-closed) or misses (fail-open) while Redis is unreachable.")
            .build(),
        Setting.builder("compressAbove", SettingType.INTEGER).defaultValue("1024")
            .doc("Cached values larger than this many bytes are stored deflated.").min(0, false).build(),
        Setting.builder("maxValueBytes", SettingType.INTEGER).defaultValue("1048576")
            .doc("Cached values larger than this many bytes are not stored.").min(0, true).build());
  }

  @Override
  public Stores create(Settings s, ConfigContext context) {
    RedisStores.Builder b = RedisStores.builder();
    List<ConfigException.Problem> problems = new ArrayList<>(0);
    String url = s.secret("url");
    List<String> nodes = s.strings("clusterNodes");
    if ((url == null) == nodes.isEmpty()) {
      problems.add(new ConfigException.Problem(s.path("url"), "give either url or clusterNodes"));
    }
    if (url != null) {
      b.uri(url);
    }
    for (int i = 0; i < nodes.size(); i++) {
      String node = nodes.get(i);
      int colon = node.lastIndexOf(':');
      int port = colon > 0 ? parsePort(node.substring(colon + 1)) : -1;
      if (port < 0) {
        problems.add(new ConfigException.Problem(s.path("clusterNodes") + "[" + i + "]", "must be host:port"));
      } else {
        b.clusterNode(node.substring(0, colon), port);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    b.prefix(s.string("prefix", "aegis"));
    if (s.has("timeout")) b.timeout(s.duration("timeout"));
    if (s.has("poolSize")) b.poolSize((int) s.integer("poolSize", 32));
    if (s.has("keyCacheTtl")) b.keyCacheTtl(s.duration("keyCacheTtl"));
    b.limits(mode(s.string("limitsOnFailure", FAIL_CLOSED)));
    b.cache(mode(s.string("cacheOnFailure", FAIL_OPEN)));
    if (s.has("compressAbove")) b.compressAbove((int) s.integer("compressAbove", 1024));
    if (s.has("maxValueBytes")) b.maxValueBytes((int) s.integer("maxValueBytes", 1 << 20));
    RedisStores redis;
    try {
      redis = b.build();
    } catch (ConfigException e) {
      // the builder names its settings redis.*; the file names them by where they stand
      List<ConfigException.Problem> moved = new ArrayList<>();
      for (ConfigException.Problem p : e.problems()) {
        String name = p.path().startsWith("redis.") ? p.path().substring("redis.".length()) : p.path();
        moved.add(new ConfigException.Problem(s.path(name), p.rule()));
      }
      throw new ConfigException(moved);
    }
    return Stores.builder().keys(redis.keyStore()).limiter(redis.limiterStore()).budgets(redis.budgetStore())
        .usage(redis.usageStore()).cache(redis.cacheStore()).onClose(redis::close).build();
  }

  private static FailureMode mode(String value) {
    return FAIL_OPEN.equals(value.toLowerCase(Locale.ROOT)) ? FailureMode.FAIL_OPEN : FailureMode.FAIL_CLOSED;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port < 65536 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
