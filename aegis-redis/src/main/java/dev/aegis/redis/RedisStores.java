package dev.aegis.redis;

import dev.aegis.api.Ticker;
import dev.aegis.api.auth.KeyStore;
import dev.aegis.api.budget.BudgetStore;
import dev.aegis.api.cache.CacheStore;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.health.StoreHealth;
import dev.aegis.api.health.StoreHealthCheck;
import dev.aegis.api.limit.AdmissionStore;
import dev.aegis.api.limit.LimiterStore;
import dev.aegis.api.usage.Granularity;
import dev.aegis.api.usage.UsageStore;
import dev.aegis.redis.internal.Keys;
import dev.aegis.redis.internal.RedisAdmissionStore;
import dev.aegis.redis.internal.RedisCacheStore;
import dev.aegis.redis.internal.RedisKeyStore;
import dev.aegis.redis.internal.RedisUsageStore;
import dev.aegis.redis.internal.StoreCalls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis-backed stores of one or many gateway instances: virtual keys, rate limits, budgets,
 * usage and the exact response cache, on one pooled client (standalone Redis, Valkey, or Redis
 * Cluster). Every instance pointed at the same Redis shares one view: a limit of N admits N across
 * all of them, a budget is never overspent, a revoked key is refused everywhere within
 * {@link Builder#keyCacheTtl} (the revocation bound).
 *
 * <pre>{@code
 * RedisStores redis = RedisStores.builder().uri("redis://localhost:6379").build();
 * Gateway gateway = Gateway.builder()
 *     .virtualKeys(redis.keyStore())
 *     .limiterStore(redis.limiterStore()).budgetStore(redis.budgetStore())
 *     .usageStore(redis.usageStore())
 *     .store(redis)                                   // health
 *     ...build();
 * ResponseCache cache = ResponseCache.builder().store(redis.cacheStore()).build();
 * }</pre>
 *
 * <p><b>Round trips.</b> {@link #limiterStore()} and {@link #budgetStore()} return the same
 * {@link AdmissionStore}, so the gateway checks the limits and reserves the budgets in one script
 * before the provider call and settles both in one script after it; key lookups are served from
 * memory within the revocation bound; usage is written by a background writer. A request makes at
 * most one round trip before its provider call and one after.
 *
 * <p><b>Threads.</b> Jedis is a blocking client: every call runs on the caller's thread, borrows
 * a pooled connection and is bounded by {@link Builder#timeout}. The gateway calls its stores on
 * the thread that runs the request's pipeline: the caller's for {@code route()}, the gateway's own
 * executor for {@code routeAsync()} and streams. The OpenAI endpoint's Vert.x binding sends chat
 * through those two doors and embeddings through its blocking executor, so no event loop ever
 * waits on Redis; a host calling {@code route()} from an event loop would block it, as with any
 * blocking call.
 *
 * <p><b>Failures.</b> Keys and budgets fail closed by default ({@link StoreUnavailableException},
 * HTTP 503); limits may fail open, the cache fails open by default. Each failure is counted
 * ({@link #failures}) and logged (once per outage); after Redis is back the next call succeeds on
 * a fresh connection, with no restart.
 *
 * <p>Thread-safe; {@link #close()} stops the usage writer and the pool.
 *
 * <p>Just over 400 lines because of the documented builder; the stores' work is in their own
 * classes ({@code RedisKeyStore}, {@code RedisAdmissionStore}, {@code RedisUsageStore},
 * {@code RedisCacheStore}).
 */
public final class RedisStores implements StoreHealthCheck, AutoCloseable {
  private final UnifiedJedis jedis;
  private final StoreCalls keyCalls;
  private final StoreCalls limitCalls;
  private final StoreCalls budgetCalls;
  private final StoreCalls usageCalls;
  private final StoreCalls cacheCalls;
  private final RedisKeyStore keys;
  private final RedisAdmissionStore admission;
  private final RedisUsageStore usage;
  private final RedisCacheStore cache;

  private RedisStores(Builder b, UnifiedJedis jedis) {
    this.jedis = jedis;
    Keys names = new Keys(b.prefix);
    Runnable dropIdle = () -> dropIdle(jedis);
    keyCalls = new StoreCalls("key", FailureMode.FAIL_CLOSED, dropIdle);
    limitCalls = new StoreCalls("rate-limit", b.limits, dropIdle);
    budgetCalls = new StoreCalls("budget", FailureMode.FAIL_CLOSED, dropIdle);
    usageCalls = new StoreCalls("usage", FailureMode.FAIL_OPEN, dropIdle);
    cacheCalls = new StoreCalls("cache", b.cache, dropIdle);
    keys = new RedisKeyStore(jedis, names, keyCalls, b.ticker, b.keyCacheTtl, b.keyRetention);
    admission = new RedisAdmissionStore(jedis, names, limitCalls, budgetCalls, b.serverTime ? null : b.ticker,
        b.concurrencyLease);
    usage = new RedisUsageStore(jedis, names, usageCalls, b.usageRetention, b.usageQueue, b.timeout);
    cache = new RedisCacheStore(jedis, names, cacheCalls, b.compressAbove, b.maxValueBytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void dropIdle(UnifiedJedis jedis) {
    if (jedis instanceof RedisClient) {
      ((RedisClient) jedis).getPool().clear();
    } else if (jedis instanceof RedisClusterClient) {
      ((RedisClusterClient) jedis).getClusterNodes().values().forEach(p -> p.clear());
    }
  }

  /** The virtual-key store (fail-closed; lookups cached within {@link Builder#keyCacheTtl}). */
  public KeyStore keyStore() {
    return keys;
  }

  /** The rate-limiter store; the same object as {@link #budgetStore()}, an {@link AdmissionStore}. */
  public LimiterStore limiterStore() {
    return admission;
  }

  /** The budget store (fail-closed); the same object as {@link #limiterStore()}. */
  public BudgetStore budgetStore() {
    return admission;
  }

  /** Limits and budgets as the one store they are. */
  public AdmissionStore admissionStore() {
    return admission;
  }

  /** The usage store (written in the background; a failed write drops the record and counts it). */
  public UsageStore usageStore() {
    return usage;
  }

  /** The exact-cache store. */
  public CacheStore cacheStore() {
    return cache;
  }

  /**
   * Calls that failed per store since the build: {@code key}, {@code rate-limit}, {@code budget},
   * {@code usage} (records dropped included) and {@code cache}.
   */
  public Map<String, Long> failures() {
    return Map.of("key", keyCalls.failures(), "rate-limit", limitCalls.failures(), "budget",
        budgetCalls.failures(), "usage", usage.dropped(), "cache", cacheCalls.failures());
  }

  /** {@code PING}s Redis within the timeout. */
  @Override
  public StoreHealth check() {
    try {
      String pong = jedis.ping();
      return "PONG".equals(pong) ? StoreHealth.up("redis") : StoreHealth.down("redis", "unexpected answer to PING");
    } catch (JedisException e) {
      return StoreHealth.down("redis", "Redis did not answer PING");
    }
  }

  /** Waits until queued usage records are written, at most {@code wait}; {@code false} on time-out. */
  public boolean flushUsage(Duration wait) {
    return usage.flush(wait);
  }

  @Override
  public void close() {
    usage.close();
    jedis.close();
  }

  @Override
  public String toString() {
    return "RedisStores[" + jedis.getClass().getSimpleName() + "]";
  }

  /** Builds {@link RedisStores}; {@link #build()} reports every invalid setting at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI uri;
    private final Set<HostAndPort> cluster = new LinkedHashSet<>();
    private String prefix = "aegis";
    private Duration timeout = Duration.ofMillis(500);
    private int poolSize = 32;
    private Duration keyCacheTtl = Duration.ofSeconds(2);
    private Duration keyRetention = Duration.ofDays(30);
    private Duration concurrencyLease = Duration.ofHours(1);
    private FailureMode limits = FailureMode.FAIL_CLOSED;
    private FailureMode cache = FailureMode.FAIL_OPEN;
    private int compressAbove = 1024;
    private int maxValueBytes = 1 << 20;
    private int usageQueue = 10_000;
    private Map<Granularity, Duration> usageRetention = Map.of(Granularity.MINUTE, Duration.ofDays(2),
        Granularity.HOUR, Duration.ofDays(32), Granularity.DAY, Duration.ofDays(400));
    private Ticker ticker = Ticker.system();
    private boolean serverTime = true;
    private final List<ConfigException.Problem> problems = new ArrayList<>(0);

    private Builder() {}

    /** A standalone Redis or Valkey, e.g. {@code redis://user:secret@host:6379/0} or {@code rediss://…}. */
    public Builder uri(String uri) {
      try {
        URI u = URI.create(uri);
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme()) || u.getHost() == null) {
          problems.add(new ConfigException.Problem("redis.uri", "must look like redis://host:port"));
        } else {
          this.uri = u;
        }
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigException.Problem("redis.uri", "is not a valid URI"));
      }
      return this;
    }

    /** A Redis Cluster node to discover the cluster from (give one or more). */
    public Builder clusterNode(String host, int port) {
      cluster.add(new HostAndPort(host, port));
      return this;
    }

    /** The prefix of every key (default {@code aegis}), so several deployments can share a Redis. */
    public Builder prefix(String prefix) {
      if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
        problems.add(new ConfigException.Problem("redis.prefix", "must be non-blank without braces"));
      } else {
        this.prefix = prefix;
      }
      return this;
    }

    /** The bound on connecting, on every call and on waiting for a pooled connection (default 500 ms). */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add(new ConfigException.Problem("redis.timeout", "must be positive"));
      } else {
        this.timeout = timeout;
      }
      return this;
    }

    /** The most pooled connections (default 32; per node on a cluster). */
    public Builder poolSize(int size) {
      if (size < 1) {
        problems.add(new ConfigException.Problem("redis.poolSize", "must be at least 1 but was " + size));
      } else {
        this.poolSize = size;
      }
      return this;
    }

    /**
     * How long a key lookup is served from memory (default 2 s): the bound within which a key
     * revoked or rotated on another instance is refused here. Zero looks every request up.
     */
    public Builder keyCacheTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative()) {
        problems.add(new ConfigException.Problem("redis.keyCacheTtl", "must not be negative"));
      } else {
        this.keyCacheTtl = ttl;
      }
      return this;
    }

    /** How long a revoked or expired key stays listable before Redis drops it (default 30 days). */
    public Builder keyRetention(Duration retention) {
      if (retention == null || retention.isNegative() || retention.isZero()) {
        problems.add(new ConfigException.Problem("redis.keyRetention", "must be positive"));
      } else {
        this.keyRetention = retention;
      }
      return this;
    }

    /** After how long a concurrency slot held by a crashed instance comes back (default 1 hour). */
    public Builder concurrencyLease(Duration lease) {
      if (lease == null || lease.isNegative() || lease.isZero()) {
        problems.add(new ConfigException.Problem("redis.concurrencyLease", "must be positive"));
      } else {
        this.concurrencyLease = lease;
      }
      return this;
    }

    /** Whether rate limits refuse (default) or admit while Redis is unavailable. */
    public Builder limits(FailureMode mode) {
      if (mode == null) {
        problems.add(new ConfigException.Problem("redis.limits", "must not be null"));
      } else {
        this.limits = mode;
      }
      return this;
    }

    /** Whether the cache misses silently (default) or fails the lookup while Redis is unavailable. */
    public Builder cache(FailureMode mode) {
      if (mode == null) {
        problems.add(new ConfigException.Problem("redis.cache", "must not be null"));
      } else {
        this.cache = mode;
      }
      return this;
    }

    /** Cache values larger than this are deflated when that makes them smaller (default 1 KiB). */
    public Builder compressAbove(int bytes) {
      if (bytes < 0) {
        problems.add(new ConfigException.Problem("redis.compressAbove", "must not be negative but was " + bytes));
      } else {
        this.compressAbove = bytes;
      }
      return this;
    }

    /** The largest cache value stored (default 1 MiB); larger answers are not cached. */
    public Builder maxValueBytes(int bytes) {
      if (bytes < 1) {
        problems.add(new ConfigException.Problem("redis.maxValueBytes", "must be positive but was " + bytes));
      } else {
        this.maxValueBytes = bytes;
      }
      return this;
    }

    /** How many usage records may wait for the writer before new ones are dropped (default 10 000). */
    public Builder usageQueue(int capacity) {
      if (capacity < 1) {
        problems.add(new ConfigException.Problem("redis.usageQueue", "must be at least 1 but was " + capacity));
      } else {
        this.usageQueue = capacity;
      }
      return this;
    }

    /**
     * The time source of the key cache (default the system ticker). With {@code limiterClock}
     * true it also replaces the Redis server's clock for the limiters — only for tests, where every
     * instance shares one fake ticker.
     */
    public Builder ticker(Ticker ticker, boolean limiterClock) {
      if (ticker == null) {
        problems.add(new ConfigException.Problem("redis.ticker", "must not be null"));
      } else {
        this.ticker = ticker;
        this.serverTime = !limiterClock;
      }
      return this;
    }

    public RedisStores build() {
      if (uri == null && cluster.isEmpty()) {
        problems.add(new ConfigException.Problem("redis.uri", "give a URI or at least one cluster node"));
      }
      if (uri != null && !cluster.isEmpty()) {
        problems.add(new ConfigException.Problem("redis.uri", "give a URI or cluster nodes, not both"));
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(poolSize);
      pool.setMaxIdle(poolSize);
      pool.setMaxWait(timeout);
      pool.setTestWhileIdle(false);
      UnifiedJedis jedis;
      if (uri != null) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(ms)
            .socketTimeoutMillis(ms).ssl("rediss".equals(uri.getScheme()));
        String info = uri.getUserInfo();
        if (info != null) {
          int colon = info.indexOf(':');
          if (colon >= 0) {
            if (colon > 0) {
              config.user(info.substring(0, colon));
            }
            config.password(info.substring(colon + 1));
          } else {
            config.password(info);
          }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
          config.database(Integer.parseInt(path.substring(1)));
        }
        JedisClientConfig c = config.build();
        jedis = RedisClient.builder().hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
            .clientConfig(c).poolConfig(pool).build();
      } else {
        JedisClientConfig c = DefaultJedisClientConfig.builder().connectionTimeoutMillis(ms).socketTimeoutMillis(ms)
            .build();
        jedis = RedisClusterClient.builder().nodes(cluster).clientConfig(c).poolConfig(pool).maxAttempts(3)
            .maxTotalRetriesDuration(timeout.multipliedBy(3)).build();
      }
      return new RedisStores(this, jedis);
    }
  }
}
