package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GuardrailViolationException;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Guardrails, the PII masking round trip: the default rules replace an e-mail address and a phone
 * number with placeholders before the provider sees the prompt, and put the real values back
 * into the answer. A secret in a prompt is blocked before any call.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class GuardrailsExample {
  private GuardrailsExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    List<String> providerSaw = new CopyOnWriteArrayList<>();
    MockProvider echo = MockProvider.builder("mock").echo() // answers with the prompt it received
        .onCall(request -> providerSaw.add(request.messages().get(request.messages().size() - 1).text()))
        .build();
    try (Gateway gateway = Gateway.builder()
        .provider(echo)
        .route("smart", Strategy.single(Target.of("mock")))
        .plugin(GuardrailPlugin.defaults())
        .build()) {
      ChatResponse answer = gateway.route(ask("Write to alice@example.com or call +1 415 555 0100."));
      out.println("provider saw: " + providerSaw.get(0));
      out.println("caller got:   " + answer.text());

      try {
        gateway.route(ask("Deploy with key AKIAIOSFODNN7EXAMPLE please"));
      } catch (GuardrailViolationException e) {
        out.println("blocked: " + e.getMessage());
      }
      out.println("provider calls: " + echo.calls());
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("smart").addMessage(Message.user(text)).build();
  }
}
