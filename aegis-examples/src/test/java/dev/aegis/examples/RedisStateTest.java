package dev.aegis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Redis-backed state example, against a real redis-server this test starts on a free loopback
 * port and stops (skipped with the reason when the binary is missing, failed under {@code CI=true}).
 */
class RedisStateTest {

  @Test
  void twoInstancesShareLimitsBudgetsKeysAndTheCache() throws Exception {
    Process redis = startRedis();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      RedisState.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "redis://127.0.0.1:" + port);
      String out = bytes.toString(StandardCharsets.UTF_8);
      java.util.List<String> lines = out.lines().toList();
      assertThat(lines).hasSize(11);
      assertThat(lines.subList(0, 4)).containsExactly(
          "== one limit across two instances: 3 requests per minute for tenant acme ==",
          "instance a: answered \"question 1\"",
          "instance b: answered \"question 2\"",
          "instance a: answered \"question 3\"");
      // the limiter runs on the Redis server's clock, so the wait is 20 s minus the time the three took
      assertThat(lines.get(4)).matches("instance b: refused \\(RATE_LIMITED\\): rate limit 'tenant.requests'"
          + " \\(3 requests per minute\\) reached; admitted again in 1\\d{4} ms");
      // the three echoed answers at 1 (input) and 2 (output) dollars per million: input + 2 x output = 48 tokens
      assertThat(lines.subList(5, 9)).containsExactly(
          "budget acme-daily seen from b: spent 0.000048 of 5.00 USD",
          "== a key revoked on a is refused on b ==",
          "instance b: answered \"what is cached?\"",
          "instance a serves the same question from the shared cache: HIT");
      assertThat(lines.get(9)).matches(
          "revoked on a; instance b: refused \\(AUTHENTICATION\\): virtual key '[a-z0-9]{12}' was revoked");
      assertThat(lines.get(10)).isEqualTo("redis health from a: true");
    } finally {
      redis.destroyForcibly();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int port;

  private Process startRedis() throws IOException, InterruptedException {
    String bin = null;
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(d, "redis-server").canExecute()) {
        bin = new File(d, "redis-server").getPath();
      }
    }
    if (bin == null) {
      String reason = "redis-server is not on the PATH: install the Debian package redis-server (.ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      abort(reason);
    }
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("aegis-example-redis");
    Process p = new ProcessBuilder(bin, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    // a bounded poll until the port accepts connections
    for (int i = 0; i < 500; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("redis-server did not start on port " + port);
  }
}
