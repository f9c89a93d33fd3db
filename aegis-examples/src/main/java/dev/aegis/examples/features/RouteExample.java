package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;

/**
 * The smallest gateway: one provider, one alias, one {@code route()} call on the caller's
 * thread, and what the response says about how it was served.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class RouteExample {
  private RouteExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    try (Gateway gateway = Gateway.builder()
        .provider(MockProvider.builder("mock").reply("Paris is the capital of France.").build())
        .route("smart", Strategy.single(Target.of("mock", "mock-large")))
        .build()) {
      ChatResponse answer = gateway.route(ChatRequest.builder()
          .model("smart") // the alias, not a provider's model name
          .addMessage(Message.user("What is the capital of France?"))
          .build());
      out.println("answer: " + answer.text());
      out.println("served by target " + answer.metadata().target() + " (provider " + answer.metadata().provider()
          + ", model " + answer.model() + ") in " + answer.metadata().attempts().size() + " attempt");
      out.println("usage: " + answer.usage().inputTokens() + " tokens in, " + answer.usage().outputTokens()
          + " tokens out");
    }
  }
}
