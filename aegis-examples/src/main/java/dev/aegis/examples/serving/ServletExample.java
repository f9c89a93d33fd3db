package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;
import dev.aegis.core.Gateway;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import dev.aegis.providers.openai.server.servlet.OpenAiServlet;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint in a servlet container: embedded Jetty 12 (ee10) with {@link OpenAiServlet} at
 * {@code /*} and, when given a registry, Prometheus metrics at {@code /metrics}.
 *
 * <pre>{@code
 * mvn -q -pl aegis-examples -am compile exec:java -Dexec.mainClass=dev.aegis.examples.serving.ServletExample -Dexec.args="--port 8080"
 * }</pre>
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class ServletExample {
  private ServletExample() {}

  public static void main(String[] args) throws InterruptedException {
    Gateway gateway = DemoGateway.builder(Duration.ofMillis(40)).build();
    RunningServer server = start(gateway, Ports.parse(args, 8080), null);
    System.out.println("OpenAI-compatible API (Jetty) on http://localhost:" + server.port() + "/v1");
    System.out.println("virtual key: " + DemoGateway.issueDemoKey(gateway).secret());
    System.out.println("admin key:   " + DemoGateway.issueAdminKey(gateway).secret());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      gateway.close();
    }));
    Thread.currentThread().join();
  }

  /** Starts Jetty on {@code localhost:port} (0 for a free port) serving {@code gateway}. */
  public static RunningServer start(AiGateway gateway, int port, @Nullable PrometheusMeterRegistry metrics) {
    return start(OpenAiEndpoint.builder(gateway).build(), port, metrics);
  }

  /** Starts Jetty on {@code localhost:port} (0 for a free port) serving {@code endpoint}. */
  public static RunningServer start(OpenAiEndpoint endpoint, int port, @Nullable PrometheusMeterRegistry metrics) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("localhost");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder api = new ServletHolder(new OpenAiServlet(endpoint));
    api.setAsyncSupported(true);
    context.addServlet(api, "/*");
    if (metrics != null) context.addServlet(new ServletHolder(new MetricsServlet(metrics)), "/metrics");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty on port " + port + ": " + e.getMessage(), e);
    }
    return RunningServer.of(connector.getLocalPort(), () -> {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop Jetty", e);
      }
    });
  }

  /** Prometheus's text format of a registry. */
  private static final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PrometheusMeterRegistry registry;

    MetricsServlet(PrometheusMeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
      resp.getOutputStream().write(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
  }
}
