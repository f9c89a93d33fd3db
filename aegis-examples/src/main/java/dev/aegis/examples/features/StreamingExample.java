package dev.aegis.examples.features;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatStream;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.core.Gateway;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import dev.aegis.providers.mock.MockProvider;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * {@code routeStream()}: a lazy, one-shot stream of chunks, read here with its blocking iterator
 * (it is also a back-pressured {@code Flow.Publisher}); closing it early cancels the provider
 * call. {@code finished()} completes with the metadata once the last chunk is read.
 *
 * <p>Not meant to be shared: a runnable example.
 */
public final class StreamingExample {
  private StreamingExample() {}

  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    try (Gateway gateway = Gateway.builder()
        .provider(MockProvider.builder("mock").reply("Streams arrive token by token.").chunks(5).build())
        .route("smart", Strategy.single(Target.of("mock")))
        .build()) {
      ChatRequest request = ChatRequest.builder().model("smart").addMessage(Message.user("Stream, please.")).build();
      int texts = 0;
      StringBuilder line = new StringBuilder();
      try (ChatStream stream = gateway.routeStream(request)) {
        Iterator<ChatChunk> chunks = stream.iterator();
        while (chunks.hasNext()) {
          ChatChunk chunk = chunks.next();
          if (!chunk.text().isEmpty()) {
            texts++;
            line.append('[').append(chunk.text()).append(']');
          }
        }
        ResponseMetadata done = stream.finished().join();
        out.println(line);
        out.println(texts + " text chunks from target " + done.target());
      }

      // Closing a stream before its end cancels the provider call.
      try (ChatStream stream = gateway.routeStream(request)) {
        out.println("first chunk only: [" + firstText(stream.iterator()) + "], then close()");
      }
    }
  }

  private static String firstText(Iterator<ChatChunk> chunks) {
    while (chunks.hasNext()) {
      String text = chunks.next().text();
      if (!text.isEmpty()) {
        return text;
      }
    }
    return "";
  }
}
