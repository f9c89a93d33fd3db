package dev.aegis.providers.openai.server.vertx;

import dev.aegis.providers.openai.server.OpenAiEndpoint;
import dev.aegis.providers.openai.server.ServerRequest;
import dev.aegis.providers.openai.server.ServerScheduler;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;

/**
 * Serves an {@link OpenAiEndpoint} from a Vert.x 5 {@link Router} without ever blocking the event
 * loop: the body is gathered from the request's buffers as they arrive (up to the endpoint's
 * limit), chat calls go through {@code routeAsync} and the stream publisher, and streamed chunks
 * are written with back-pressure from the response's write queue ({@code writeQueueFull} and its
 * drain handler). Responses are written on the request's context, whichever thread produced them.
 *
 * <pre>{@code
 * Router router = Router.router(vertx);
 * OpenAiVertxHandler.create(OpenAiEndpoint.builder(gateway)
 *     .scheduler(OpenAiVertxHandler.timers(vertx)).build()).mount(router);
 * vertx.createHttpServer().requestHandler(router).listen(8080);
 * }</pre>
 *
 * <p>Thread-safe: one handler serves every request of a router.
 */
public final class OpenAiVertxHandler implements Handler<RoutingContext> {
  private final OpenAiEndpoint endpoint;

  private OpenAiVertxHandler(OpenAiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * A handler serving {@code endpoint}, which must not be built with
   * {@link OpenAiEndpoint.Builder#callsOnServerThread} (it would block the event loop).
   */
  public static OpenAiVertxHandler create(OpenAiEndpoint endpoint) {
    if (endpoint.callsOnServerThread()) {
      throw new IllegalArgumentException("an endpoint that runs calls on the server's thread would block the Vert.x "
          + "event loop; build it without callsOnServerThread");
    }
    return new OpenAiVertxHandler(endpoint);
  }

  /** Routes every request of {@code router} (below its mount point) to this handler. */
  public Router mount(Router router) {
    router.route().handler(this);
    return router;
  }

  /** Keep-alive timers on Vert.x's own timer wheel. */
  public static ServerScheduler timers(Vertx vertx) {
    return (delay, task) -> {
      long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
      return () -> vertx.cancelTimer(id);
    };
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Context context = ctx.vertx().getOrCreateContext();
    VertxResponseChannel channel = new VertxResponseChannel(context, ctx.response());
    String path = path(ctx);
    String length = req.getHeader("content-length");
    if (length != null && parse(length) > endpoint.maxBodyBytes()) {
      endpoint.rejectTooLarge(request(req, path, new byte[0]), channel);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] rejected = {false};
    req.handler(chunk -> {
      if (rejected[0]) return;
      body.appendBuffer(chunk);
      if (body.length() > endpoint.maxBodyBytes()) {
        rejected[0] = true;
        endpoint.rejectTooLarge(request(req, path, new byte[0]), channel);
      }
    });
    req.exceptionHandler(e -> channel.clientGone());
    req.endHandler(v -> {
      if (!rejected[0]) endpoint.handle(request(req, path, body.getBytes()), channel);
    });
    req.resume();
  }

  private static String path(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String mount = ctx.mountPoint();
    if (mount != null && !mount.equals("/") && path.startsWith(mount)) {
      path = path.substring(mount.endsWith("/") ? mount.length() - 1 : mount.length());
    }
    return path.isEmpty() ? "/" : path;
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ServerRequest request(HttpServerRequest req, String path, byte[] body) {
    return ServerRequest.of(req.method().name(), path, req.query(), req.headers()::get,
        new ArrayList<>(req.headers().names()), body);
  }
}
