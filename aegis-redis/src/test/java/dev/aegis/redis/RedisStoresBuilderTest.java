package dev.aegis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.api.error.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder reports every invalid setting at once, with its path, and never connects to do so. */
class RedisStoresBuilderTest {

  @Test
  void everyProblemAtOnce() {
    assertThatThrownBy(() -> RedisStores.builder().uri("http://localhost:6379").prefix("a{b}")
        .timeout(Duration.ZERO).poolSize(0).keyCacheTtl(Duration.ofSeconds(-1)).compressAbove(-1)
        .maxValueBytes(0).usageQueue(0).limits(null).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            new ConfigException.Problem("redis.uri", "must look like redis://host:port"),
            new ConfigException.Problem("redis.prefix", "must be non-blank without braces"),
            new ConfigException.Problem("redis.timeout", "must be positive"),
            new ConfigException.Problem("redis.poolSize", "must be at least 1 but was 0"),
            new ConfigException.Problem("redis.keyCacheTtl", "must not be negative"),
            new ConfigException.Problem("redis.compressAbove", "must not be negative but was -1"),
            new ConfigException.Problem("redis.maxValueBytes", "must be positive but was 0"),
            new ConfigException.Problem("redis.usageQueue", "must be at least 1 but was 0"),
            new ConfigException.Problem("redis.limits", "must not be null"),
            new ConfigException.Problem("redis.uri", "give a URI or at least one cluster node")));
  }

  @Test
  void aUriOrClusterNodesNotBoth() {
    assertThatThrownBy(() -> RedisStores.builder().uri("redis://localhost:6379").clusterNode("localhost", 7000)
        .build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            new ConfigException.Problem("redis.uri", "give a URI or cluster nodes, not both")));
  }
}
