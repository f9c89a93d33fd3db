package dev.aegis.examples.serving;

import dev.aegis.api.AiGateway;
import dev.aegis.core.Gateway;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import dev.aegis.providers.openai.server.vertx.OpenAiVertxHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint in Vert.x 5: a router with {@link OpenAiVertxHandler}, keep-alive timers on
 * Vert.x's own timer wheel.
 *
 * <pre>{@code
 * mvn -q -pl aegis-examples -am compile exec:java -Dexec.mainClass=dev.aegis.examples.serving.VertxExample -Dexec.args="--port 8080"
 * }</pre>
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class VertxExample {
  private VertxExample() {}

  public static void main(String[] args) throws InterruptedException {
    Gateway gateway = DemoGateway.builder(Duration.ofMillis(40)).build();
    RunningServer server = start(gateway, Ports.parse(args, 8080));
    System.out.println("OpenAI-compatible API (Vert.x) on http://localhost:" + server.port() + "/v1");
    System.out.println("virtual key: " + DemoGateway.issueDemoKey(gateway).secret());
    System.out.println("admin key:   " + DemoGateway.issueAdminKey(gateway).secret());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      gateway.close();
    }));
    Thread.currentThread().join();
  }

  /** Starts Vert.x on {@code localhost:port} (0 for a free port) serving {@code gateway}. */
  public static RunningServer start(AiGateway gateway, int port) {
    Vertx vertx = Vertx.vertx();
    Router router = OpenAiVertxHandler.create(OpenAiEndpoint.builder(gateway)
        .scheduler(OpenAiVertxHandler.timers(vertx)).build()).mount(Router.router(vertx));
    HttpServer server;
    try {
      server = vertx.createHttpServer().requestHandler(router).listen(port, "localhost")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start Vert.x on port " + port + ": " + e.getMessage(), e);
    }
    return RunningServer.of(server.actualPort(), () -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop Vert.x", e);
      }
    });
  }
}
