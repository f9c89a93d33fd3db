package dev.aegis.examples;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;

/**
 * The quickstart: a gateway over the built-in mock provider (no API key), one routed request and
 * one streamed request printed token by token, each with its metadata.
 *
 * <p>Run it with the README's first command.
 *
 * <p>Not meant to be shared: a runnable example whose {@code main} owns its gateway.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    run(System.out, Duration.ofMillis(40));
  }

  /** Runs the quickstart, writing to {@code out}; {@code chunkDelay} paces the streamed tokens. */
  static void run(PrintStream out, Duration chunkDelay) {
    MockProvider mock = MockProvider.builder("mock")
        .reply("Aegis routed this answer through one gateway object, in-process, with no network hop.")
        .model("mock-1")
        .latency(Duration.ofMillis(15))
        .chunks(16)
        .chunkDelay(chunkDelay)
        .build();
    try (Gateway gateway = Gateway.builder()
        .provider(mock)
        .route("demo", Strategy.single(Target.of("mock")))
        .build()) {
      ChatRequest request = ChatRequest.builder()
          .model("demo")
          .addMessage(Message.system("You are a helpful assistant."))
          .addMessage(Message.user("What does Aegis do?"))
          .build();

      out.println("== route() ==");
      ChatResponse response = gateway.route(request);
      out.println(response.text());
      out.println(describe(response.metadata(), response.usage()));

      out.println();
      out.println("== routeStream() ==");
      Usage usage = Usage.ZERO;
      try (ChatStream stream = gateway.routeStream(request)) {
        Iterator<ChatChunk> chunks = stream.iterator();
        while (chunks.hasNext()) {
          ChatChunk chunk = chunks.next();
          if (!chunk.text().isEmpty()) {
            out.print(chunk.text());
            out.print('|');
            out.flush();
          }
          if (chunk.usage() != null) {
            usage = chunk.usage();
          }
        }
        out.println();
        out.println(describe(stream.finished().join(), usage));
      }
    }
  }

  private static String describe(ResponseMetadata m, Usage u) {
    return "-> target=" + m.target() + " provider=" + m.provider()
        + " attempts=" + m.attempts().size()
        + " latency=" + m.latency().toMillis() + "ms"
        + " usage=" + u.inputTokens() + " in / " + u.outputTokens() + " out";
  }
}
