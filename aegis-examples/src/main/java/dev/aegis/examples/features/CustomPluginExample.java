package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom plugin on the same contract as the built-in ones, run identically on every door: it
 * refuses empty prompts, adds the house system prompt to every request, stamps an attribute on
 * each answer and counts outcomes in {@code onComplete}, which runs exactly once per request.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class CustomPluginExample {
  private CustomPluginExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    List<String> providerSaw = new CopyOnWriteArrayList<>();
    HouseStyle houseStyle = new HouseStyle("Answer in one sentence.");
    try (Gateway gateway = Gateway.builder()
        .provider(MockProvider.builder("mock").reply("One sentence, as asked.")
            .onCall(r -> r.messages().forEach(m -> providerSaw.add(m.role() + ": " + m.text())))
            .build())
        .route("smart", Strategy.single(Target.of("mock")))
        .plugin(houseStyle)
        .build()) {
      ChatResponse answer = gateway.route(ask("Explain gateways."));
      out.println("provider saw: " + providerSaw);
      out.println("answer: " + answer.text() + " " + answer.metadata().attributes());
      try (ChatStream stream = gateway.routeStream(ask("Explain streams."))) {
        out.println("streamed: " + stream.collect().text()); // the same stages on the streaming door
      }
      try {
        gateway.route(ask("  "));
      } catch (InvalidRequestException e) {
        out.println("refused: " + e.getMessage());
      }
      out.println("succeeded " + houseStyle.succeeded.get() + ", failed " + houseStyle.failed.get());
    }
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder().model("smart").addMessage(Message.user(text)).build();
  }

  /** Adds a system prompt and counts outcomes. Thread-safe: its only state is two atomic counters. */
  static final class HouseStyle implements Plugin {
    private final String systemPrompt;
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    HouseStyle(String systemPrompt) {
      this.systemPrompt = systemPrompt;
    }

    @Override
    public String name() {
      return "house-style";
    }

    @Override
    public RequestDecision onRequest(Exchange exchange) {
      ChatRequest request = exchange.request();
      if (request.messages().stream().allMatch(m -> m.text().isBlank())) {
        return RequestDecision.reject(new InvalidRequestException("the prompt is empty"));
      }
      return RequestDecision.replace(request.toBuilder()
          .messages(prepend(Message.system(systemPrompt), request.messages())).build());
    }

    @Override
    public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
      exchange.responseAttribute("house-style", "v1");
      return ResponseDecision.keep();
    }

    @Override
    public void onComplete(Exchange exchange, Outcome outcome) {
      (outcome.isSuccess() ? succeeded : failed).incrementAndGet();
    }

    private static List<Message> prepend(Message first, List<Message> rest) {
      List<Message> all = new ArrayList<>(rest.size() + 1);
      all.add(first);
      all.addAll(rest);
      return all;
    }
  }
}
