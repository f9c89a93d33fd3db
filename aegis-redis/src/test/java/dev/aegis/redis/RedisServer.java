package dev.aegis.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by a test. Without the
 * binary the test is skipped with the reason, except under {@code CI=true}, where it fails: CI
 * installs the Debian package ({@code .ci/run}).
 */
final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final boolean cluster;
  private Process process;

  private RedisServer(int port, Path dir, boolean cluster) {
    this.port = port;
    this.dir = dir;
    this.cluster = cluster;
  }

  static RedisServer start() {
    return start(false);
  }

  static RedisServer start(boolean cluster) {
    String bin = binary("redis-server");
    try {
      RedisServer s = new RedisServer(freePort(), Files.createTempDirectory("aegis-redis"), cluster);
      s.launch(bin);
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a 3-node cluster (no replicas) on loopback ports and waits until it serves every slot. */
  static List<RedisServer> cluster() throws Exception {
    String cli = binary("redis-cli");
    List<RedisServer> nodes = new ArrayList<>();
    List<String> cmd = new ArrayList<>(List.of(cli, "--cluster", "create"));
    for (int i = 0; i < 3; i++) {
      RedisServer n = start(true);
      nodes.add(n);
      cmd.add("127.0.0.1:" + n.port);
    }
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
        nodes.get(0).dir.resolve("create.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --cluster create failed: "
          + Files.readString(nodes.get(0).dir.resolve("create.log")));
    }
    for (RedisServer n : nodes) {
      n.awaitClusterOk();
    }
    return nodes;
  }

  private static String binary(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(d, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    String reason = name + " is not on the PATH: install the Debian package redis-server (.ci/run does) to run"
        + " the Redis tests";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason);
    }
    abort(reason);
    throw new AssertionError(reason);
  }

  private void launch(String bin) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(bin, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
    if (cluster) {
      cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
    }
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
        .start();
    awaitPing();
  }

  /** Kills the server (its data goes with it: no persistence), as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts it again on the same port, empty. */
  void restart() throws IOException {
    launch(binary("redis-server"));
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Commands the server has processed so far, not counting this question. */
  long commandsProcessed() {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      String info = j.info("stats");
      for (String line : info.split("\r\n")) {
        if (line.startsWith("total_commands_processed:")) {
          return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      throw new IllegalStateException("no total_commands_processed in INFO");
    }
  }

  /** One command's count in {@code INFO commandstats} (e.g. {@code evalsha}), 0 if never run. */
  long calls(String command) {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      for (String line : j.info("commandstats").split("\r\n")) {
        if (line.startsWith("cmdstat_" + command + ":calls=")) {
          String rest = line.substring(line.indexOf("calls=") + 6);
          return Long.parseLong(rest.substring(0, rest.indexOf(',')));
        }
      }
      return 0;
    }
  }

  String commandStats() {
    try (Jedis j = new Jedis("127.0.0.1", port)) {
      return j.info("commandstats");
    }
  }

  private void awaitPing() {
    // a bounded poll on the server coming up: no fixed sleep
    for (int i = 0; i < 500; i++) {
      try (Jedis j = new Jedis("127.0.0.1", port, 200)) {
        if ("PONG".equals(j.ping())) {
          return;
        }
      } catch (JedisException e) {
        Thread.onSpinWait();
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("redis-server did not answer on port " + port);
  }

  private void awaitClusterOk() throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      try (Jedis j = new Jedis("127.0.0.1", port, 200)) {
        if (j.clusterInfo().contains("cluster_state:ok")) {
          return;
        }
      } catch (JedisException e) {
        // not yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the cluster did not reach cluster_state:ok");
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
