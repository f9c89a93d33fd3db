package dev.aegis.core;

import dev.aegis.api.AiGateway;
import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The three doors into the gateway, so one test body runs on each. */
enum Door {
  ROUTE {
    @Override
    ChatResponse call(AiGateway g, ChatRequest r, RequestOptions o) {
      return g.route(r, o);
    }
  },
  ROUTE_ASYNC {
    @Override
    ChatResponse call(AiGateway g, ChatRequest r, RequestOptions o) {
      try {
        return g.routeAsync(r, o).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | CompletionException e) {
        throw rethrow(e.getCause());
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError(e);
      }
    }
  },
  STREAM {
    @Override
    ChatResponse call(AiGateway g, ChatRequest r, RequestOptions o) {
      return g.routeStream(r, o).collect();
    }
  };

  abstract ChatResponse call(AiGateway g, ChatRequest r, RequestOptions o);

  ChatResponse call(AiGateway g, ChatRequest r) {
    return call(g, r, RequestOptions.none());
  }

  private static RuntimeException rethrow(Throwable t) {
    return t instanceof RuntimeException ? (RuntimeException) t : new RuntimeException(t);
  }
}
