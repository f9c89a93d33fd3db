package dev.aegis.examples;

import dev.aegis.api.RequestOptions;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.core.Gateway;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A gateway driven by a configuration file: {@code examples/config-gateway.yaml} declares two
 * mock providers behind a fallback route, the guardrails plugin and the response cache. The first
 * request falls back past the failing provider; the second, identical one is answered from the
 * cache. Run it from the repository root:
 *
 * <pre>
 * mvn -q -pl aegis-examples -am compile exec:java -Dexec.mainClass=dev.aegis.examples.ConfigFileExample
 * </pre>
 *
 * <p>Not meant to be shared: a runnable example whose {@code main} owns its gateway.
 */
public final class ConfigFileExample {
  private ConfigFileExample() {}

  public static void main(String[] args) {
    run(System.out, Path.of(args.length > 0 ? args[0] : "examples/config-gateway.yaml"));
  }

  /** Loads {@code file}, routes the same question twice and prints what each answer went through. */
  public static void run(PrintStream out, Path file) {
    try (Gateway gateway = Gateway.fromConfig(file)) {
      out.println("== loaded " + file.getFileName() + " ==");
      out.println("routes: " + gateway.models().stream().map(m -> m.id()).toList());
      ChatRequest question = ChatRequest.builder().model("smart").temperature(0.0)
          .addMessage(Message.user("What does a gateway do?")).build();
      for (int i = 1; i <= 2; i++) {
        ChatResponse answer = gateway.route(question, RequestOptions.none());
        out.println("answer " + i + ": " + answer.text());
        boolean hit = answer.metadata().cacheHit();
        out.println("-> " + (hit ? "from the cache" : "target=" + answer.metadata().target() + " attempts="
            + answer.metadata().attempts().size()) + ", cache="
            + (answer.metadata().cache() == null ? "none" : answer.metadata().cache().status()));
      }
    }
  }
}
