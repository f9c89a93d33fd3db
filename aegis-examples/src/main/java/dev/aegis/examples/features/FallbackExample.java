package dev.aegis.examples.features;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.FailurePlan;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A fallback route: the primary target is retried (twice here), then the gateway moves to the
 * next member. The response's attempt history shows every try.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class FallbackExample {
  private FallbackExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    MockProvider primary = MockProvider.builder("primary").failures(FailurePlan.sequence(503, 503)).build();
    MockProvider backup = MockProvider.builder("backup").reply("Answered by the backup.").build();
    Target first = Target.builder("primary").provider("primary")
        .retry(RetryPolicy.builder().maxAttempts(2).initialDelay(Duration.ofMillis(1)).build())
        .build();
    try (Gateway gateway = Gateway.builder()
        .provider(primary)
        .provider(backup)
        .route("smart", Strategy.fallback(first, Target.of("backup")))
        .build()) {
      ChatResponse answer = gateway.route(ChatRequest.builder()
          .model("smart").addMessage(Message.user("Hello?")).build());
      out.println("answer: " + answer.text());
      for (Attempt a : answer.metadata().attempts()) {
        out.println("attempt " + a.target() + ": " + a.outcome()
            + (a.status() == 0 ? "" : " (HTTP " + a.status() + ", " + a.errorKind() + ")"));
      }
      out.println("primary called " + primary.calls() + " times, backup " + backup.calls() + " time");
    }
  }
}
