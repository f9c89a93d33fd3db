package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.event.AttemptFailed;
import dev.aegis.api.event.FallbackTaken;
import dev.aegis.api.event.GatewayEvent;
import dev.aegis.api.event.RequestCompleted;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Event hooks: the gateway publishes what happened (a failed attempt, a fallback, a completed
 * request with its usage) to hooks on its own bounded queue and thread, never on the request's
 * path. {@code close()} delivers what is still queued, so the events are printed after it.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class HooksExample {
  private HooksExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    List<String> audit = new CopyOnWriteArrayList<>();
    try (Gateway gateway = Gateway.builder()
        .provider(MockProvider.builder("primary").failures(FailurePlan.sequence(500)).build())
        .provider(MockProvider.builder("backup").build())
        .route("smart", Strategy.fallback(Target.of("primary"), Target.of("backup")))
        .hook(event -> audit.add(describe(event)))
        .build()) {
      gateway.route(ChatRequest.builder().model("smart").addMessage(Message.user("hello")).build());
    } // close() drains the hook queue
    audit.forEach(out::println);
  }

  private static String describe(GatewayEvent event) {
    if (event instanceof AttemptFailed failed) {
      return failed.name() + ": " + failed.target() + " answered HTTP " + failed.status();
    }
    if (event instanceof FallbackTaken fallback) {
      return fallback.name() + ": from " + fallback.from() + " (" + fallback.errorKind() + ")";
    }
    if (event instanceof RequestCompleted done) {
      return done.name() + ": served by " + done.target() + " after " + done.attempts() + " attempts, "
          + done.usage().outputTokens() + " tokens out";
    }
    return event.name();
  }
}
