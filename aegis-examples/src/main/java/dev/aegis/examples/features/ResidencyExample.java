package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;

/**
 * Data residency: the guardrails classify a prompt with a payment card number {@code RESTRICTED},
 * and a restricted request goes only to a target whose provider is declared local
 * ({@code provider(p, true)}), whatever the route prefers. With no local target left it is
 * refused, never downgraded.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class ResidencyExample {
  private ResidencyExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    MockProvider cloud = MockProvider.builder("cloud").build();
    MockProvider onPrem = MockProvider.builder("on-prem").build();
    try (Gateway gateway = Gateway.builder()
        .provider(cloud)
        .provider(onPrem, true) // declared local: runs inside our network
        .plugin(GuardrailPlugin.defaults())
        .route("smart", Strategy.fallback(Target.of("cloud"), Target.of("on-prem"))) // cloud first
        .route("cloud-only", Strategy.single(Target.of("cloud")))
        .build()) {
      out.println("plain question -> " + gateway.route(ask("smart", "Summarise our refund policy.")).metadata().target());
      out.println("card number -> "
          + gateway.route(ask("smart", "Refund card 4111 1111 1111 1111.")).metadata().target());
      try {
        gateway.route(ask("cloud-only", "Refund card 4111 1111 1111 1111."));
      } catch (NoRouteException e) {
        out.println("card number on a cloud-only route -> refused: " + e.getMessage());
      }
      out.println("cloud calls: " + cloud.calls() + ", on-prem calls: " + onPrem.calls());
    }
  }

  private static ChatRequest ask(String alias, String text) {
    return ChatRequest.builder().model(alias).addMessage(Message.user(text)).build();
  }
}
