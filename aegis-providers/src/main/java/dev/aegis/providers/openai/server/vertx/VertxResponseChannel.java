package dev.aegis.providers.openai.server.vertx;

import dev.aegis.providers.openai.server.ServerResponse;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ServerResponse} over a Vert.x response. Every call runs on the request's context (at
 * once when already there, else through {@link Context#runOnContext}); a write's stage completes
 * when the write queue has room again, so a slow client slows the provider instead of filling
 * memory.
 *
 * <p>Thread-safe: calls from any thread are moved to the context's thread; its fields are touched
 * only there.
 */
final class VertxResponseChannel implements ServerResponse {
  private final Context context;
  private final HttpServerResponse response;
  private @Nullable Runnable onClose;
  private boolean closed;

  VertxResponseChannel(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
    response.closeHandler(v -> gone());
  }

  private void run(Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  @Override
  public void send(int status, Map<String, String> headers, byte[] body) {
    run(() -> {
      if (closed || response.ended()) return;
      response.setStatusCode(status);
      headers.forEach(response::putHeader);
      response.end(Buffer.buffer(body));
    });
  }

  @Override
  public void open(int status, Map<String, String> headers) {
    run(() -> {
      if (closed || response.ended()) return;
      response.setStatusCode(status);
      headers.forEach(response::putHeader);
      response.setChunked(true);
      response.writeHead();
    });
  }

  @Override
  public CompletionStage<Void> write(byte[] bytes) {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    run(() -> {
      if (closed || response.ended()) {
        stage.completeExceptionally(new IOException("the client is gone"));
        return;
      }
      response.write(Buffer.buffer(bytes)).onFailure(stage::completeExceptionally);
      if (response.writeQueueFull()) {
        response.drainHandler(v -> stage.complete(null));
      } else {
        stage.complete(null);
      }
    });
    return stage;
  }

  @Override
  public void end() {
    run(() -> {
      if (!closed && !response.ended()) response.end();
    });
  }

  @Override
  public void onClose(Runnable action) {
    run(() -> onClose = action);
  }

  /** The client went away (a read failed). */
  void clientGone() {
    run(this::gone);
  }

  private void gone() {
    if (closed) return;
    closed = true;
    Runnable r = onClose;
    if (r != null && !response.ended()) r.run();
  }
}
