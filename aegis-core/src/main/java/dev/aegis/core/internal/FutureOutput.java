package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.GatewayException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The {@code routeAsync()} door: a chat completion, like {@code route()}, whose result or error
 * completes a future instead of returning to a caller's thread. The future's {@code cancel}
 * reaches the upstream call.
 *
 * <p>Thread-safe: the future is completed once, by the call's thread.
 */
final class FutureOutput extends ResponseOutput.Chat {
  private final Future future;

  FutureOutput(Call call) {
    this.future = new Future(call);
  }

  CompletableFuture<ChatResponse> future() {
    return future;
  }

  @Override
  @Nullable ChatResponse deliver(Call call, @Nullable ChatResponse result, @Nullable GatewayException error) {
    if (error != null) {
      future.completeExceptionally(error);
    } else {
      future.complete(result);
    }
    return null;
  }

  /** A future whose {@code cancel} cancels the call. */
  private static final class Future extends CompletableFuture<ChatResponse> {
    private final Call call;

    Future(Call call) {
      this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean done = super.cancel(mayInterruptIfRunning);
      call.signal.cancel("cancelled by the caller");
      return done;
    }
  }
}
