package dev.aegis.providers.openai.server.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.providers.openai.server.BindingContract;
import dev.aegis.providers.openai.server.OpenAiEndpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x binding over a real socket. The fake gateway fails any blocking-door call
 * ({@code route}, {@code embed}, {@code models}, a stream's {@code iterator()}) made on an
 * event-loop thread, and Vert.x's blocked-thread checker is watched as a backstop.
 */
class OpenAiVertxHandlerTest extends BindingContract {
  private static final Logger VERTX_LOG = Logger.getLogger("io.vertx");
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Handler blockedThreads = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (String.valueOf(record.getMessage()).contains("has been blocked")) violations.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void guardTheEventLoop() {
    gateway.guard = door -> {
      if (Context.isOnEventLoopThread() && !door.equals("routeAsync") && !door.equals("routeStream")) {
        violations.add(door + " on " + Thread.currentThread().getName());
        throw new AssertionError("blocking door '" + door + "' called on an event-loop thread");
      }
    };
    VERTX_LOG.addHandler(blockedThreads);
  }

  @AfterEach
  void noBlockingOnTheEventLoop() {
    VERTX_LOG.removeHandler(blockedThreads);
    assertThat(violations).isEmpty();
  }

  @Override
  protected String start(OpenAiEndpoint endpoint) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        // Vert.x's own default (2 s): a cold JVM on a busy machine loads Jackson and Netty classes on the
        // loop's first request for a few hundred ms; a blocking gateway call would wait far longer
        .setMaxEventLoopExecuteTime(2000).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    Router router = OpenAiVertxHandler.create(endpoint).mount(Router.router(vertx));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  protected void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anEndpointThatRunsCallsOnTheServerThreadIsRefusedBecauseItWouldBlockTheEventLoop() {
    OpenAiEndpoint blocking = OpenAiEndpoint.builder(gateway).callsOnServerThread(true).build();
    assertThatThrownBy(() -> OpenAiVertxHandler.create(blocking)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an endpoint that runs calls on the server's thread would block the Vert.x event loop; "
            + "build it without callsOnServerThread");
  }
}
