package dev.aegis.examples;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.auth.IssuedKey;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.core.Gateway;
import dev.aegis.examples.serving.DemoGateway;
import dev.aegis.examples.serving.RunningServer;
import dev.aegis.examples.serving.ServletExample;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;

/**
 * The quickstart: a gateway over the built-in mock provider (no API key), one routed request and
 * one streamed request printed token by token, each with its metadata; then it serves the
 * OpenAI-compatible API on {@code localhost:8080} ({@code --port N}, {@code --port 0} for a free
 * port) with Prometheus metrics at {@code /metrics}, and prints {@code curl} lines that work with
 * the virtual key it issued (a real key: the same auth path for in-process and HTTP callers, with
 * its rate limit in the {@code x-ratelimit-*} headers) and one for the admin API.
 *
 * <p>Run it with the README's first command.
 *
 * <p>Not meant to be shared: a runnable example whose {@code main} owns its gateway.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws InterruptedException {
    RunningServer server = start(args, System.out, Duration.ofMillis(40));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  /**
   * Runs the in-process demo, then serves the API; the returned server stops the HTTP server and
   * closes the gateway.
   */
  static RunningServer start(String[] args, PrintStream out, Duration chunkDelay) {
    int port = dev.aegis.examples.serving.Ports.parse(args, 8080);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gateway gateway = DemoGateway.builder(chunkDelay).meterRegistry(metrics).build();
    RunningServer http;
    IssuedKey key;
    IssuedKey admin;
    try {
      key = DemoGateway.issueDemoKey(gateway);
      admin = DemoGateway.issueAdminKey(gateway);
      demo(gateway, key.secret(), out);
      http = ServletExample.start(gateway, port, metrics);
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
    String base = "http://localhost:" + http.port();
    out.println();
    out.println("== serving the OpenAI-compatible API on " + base + "/v1 (metrics: " + base + "/metrics) ==");
    out.println("virtual key " + key.key().id() + " issued for tenant " + DemoGateway.TENANT + ": " + key.secret());
    out.println(curl(base, key.secret(), false));
    out.println(curl(base, key.secret(), true));
    out.println("admin key " + admin.key().id() + ": " + admin.secret());
    out.println(adminCurl(base, admin.secret()));
    out.flush();
    return RunningServer.of(http.port(), () -> {
      try {
        http.close();
      } finally {
        gateway.close();
      }
    });
  }

  /** The in-process demo alone: a routed and a streamed answer. */
  static void run(PrintStream out, Duration chunkDelay) {
    try (Gateway gateway = DemoGateway.builder(chunkDelay).build()) {
      demo(gateway, DemoGateway.issueDemoKey(gateway).secret(), out);
    }
  }

  static String adminCurl(String base, String secret) {
    return "curl " + base + "/admin/keys -H 'Authorization: Bearer " + secret + "'";
  }

  static String curl(String base, String secret, boolean stream) {
    return "curl " + (stream ? "-N " : "") + base + "/v1/chat/completions -H 'Authorization: Bearer "
        + secret + "' -H 'Content-Type: application/json' -d '{\"model\":\"" + DemoGateway.ALIAS
        + "\"," + (stream ? "\"stream\":true," : "") + "\"messages\":[{\"role\":\"user\",\"content\":\"What does Aegis do?\"}]}'";
  }

  private static void demo(Gateway gateway, String secret, PrintStream out) {
    RequestOptions key = RequestOptions.builder().credential(secret).build();
    ChatRequest request = ChatRequest.builder()
        .model(DemoGateway.ALIAS)
        .addMessage(Message.system("You are a helpful assistant."))
        .addMessage(Message.user("What does Aegis do?"))
        .build();

    out.println("== route() ==");
    ChatResponse response = gateway.route(request, key);
    out.println(response.text());
    out.println(describe(response.metadata(), response.usage()));

    out.println();
    out.println("== routeStream() ==");
    Usage usage = Usage.ZERO;
    try (ChatStream stream = gateway.routeStream(request, key)) {
      Iterator<ChatChunk> chunks = stream.iterator();
      while (chunks.hasNext()) {
        ChatChunk chunk = chunks.next();
        if (!chunk.text().isEmpty()) {
          out.print(chunk.text());
          out.print('|');
          out.flush();
        }
        if (chunk.usage() != null) {
          usage = chunk.usage();
        }
      }
      out.println();
      out.println(describe(stream.finished().join(), usage));
    }
  }

  private static String describe(ResponseMetadata m, Usage u) {
    return "-> target=" + m.target() + " provider=" + m.provider()
        + " attempts=" + m.attempts().size()
        + " latency=" + m.latency().toMillis() + "ms"
        + " usage=" + u.inputTokens() + " in / " + u.outputTokens() + " out";
  }
}
