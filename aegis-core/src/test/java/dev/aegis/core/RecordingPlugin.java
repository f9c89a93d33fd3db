package dev.aegis.core;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A plugin that records every stage call into a shared journal, with configurable decisions. */
class RecordingPlugin implements Plugin {
  final String name;
  final List<String> journal;
  final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  Function<Exchange, RequestDecision> onRequest = ex -> RequestDecision.proceed();
  Function<ChatResponse, ResponseDecision> onResponse = r -> ResponseDecision.keep();
  boolean transformStreams;

  RecordingPlugin(String name, List<String> journal) {
    this.name = name;
    this.journal = journal;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    journal.add(name + ".onRequest");
    return onRequest.apply(exchange);
  }

  @Override
  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    journal.add(name + ".eligible");
    return Eligibility.keep();
  }

  @Override
  public void onAttempt(Exchange exchange, TargetInfo target) {
    journal.add(name + ".onAttempt");
  }

  @Override
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    journal.add(name + ".onResponse");
    return onResponse.apply(response);
  }

  @Override
  public @Nullable StreamTransformer onStream(Exchange exchange) {
    journal.add(name + ".onStream");
    if (!transformStreams) {
      return null;
    }
    return new StreamTransformer() {
      @Override
      public void onChunk(ChatChunk chunk, Output out) {
        // tags the text so the order of transformers is visible in the result
        out.emit(chunk.text() == null || chunk.text().isEmpty() ? chunk
            : chunk.toBuilder().text(chunk.text().replace("|", "|" + name)).build());
      }
    };
  }

  @Override
  public void onComplete(Exchange exchange, Outcome outcome) {
    journal.add(name + ".onComplete");
    outcomes.add(outcome);
  }
}
