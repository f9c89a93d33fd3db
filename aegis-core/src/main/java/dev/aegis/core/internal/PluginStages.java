package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.PluginException;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every stage method of every plugin, for one call, and the one rule for a plugin that fails
 * ({@link #failed}): a {@link GatewayException} (the plugin's own verdict) goes on unchanged;
 * anything else becomes a {@link PluginException} naming the plugin and the stage.
 * {@code onComplete} never fails the call: its failures are counted.
 *
 * <p>Order: {@code onRequest}, {@code eligible} and {@code onAttempt} in configured order;
 * {@code onResponse}, {@code onStream} and {@code onComplete} in reverse. A plugin that answered
 * or rejected in {@code onRequest} is the last to get {@code onAttempt}; only the plugins before it
 * get the response stages.
 *
 * <p>Confined to the call's thread, except {@link #eligible} and {@link #attempt}, which hedge
 * branches call concurrently and which only read.
 */
final class PluginStages {
  private final Plugin[] plugins;
  private final CoreExchange ex;
  /** How many plugins' onRequest ran (the answering or rejecting one included); hedge threads see it via the executor. */
  private int ran;
  /** How many plugins get onResponse / onStream: those before the one that answered. */
  private int responders;
  /** A plugin's answer as a recorded stream (a cached stream), replayed chunk for chunk; else empty. */
  private List<ChatChunk> answerChunks = List.of();

  PluginStages(Plugin[] plugins, CoreExchange ex) {
    this.plugins = plugins;
    this.ex = ex;
  }

  /** The one error-wrapping rule: what a plugin's failure in {@code stage} becomes. */
  static RuntimeException failed(String plugin, String stage, RuntimeException e) {
    if (e instanceof GatewayException) {
      return e;
    }
    return new PluginException(plugin, stage, e);
  }

  /**
   * Runs {@code onRequest} in order, applying replacements to the exchange; returns a plugin's
   * answer (a {@link ChatResponse}, a live {@link dev.aegis.api.plugin.ChunkSource} or an
   * {@link EmbeddingResponse}), or {@code null} to route.
   * A rejection is thrown.
   */
  @Nullable Object request(Call call) {
    for (int i = 0; i < plugins.length; i++) {
      call.checkLive();
      Plugin p = plugins[i];
      ran = i + 1;
      RequestDecision d;
      try {
        d = p.onRequest(ex);
      } catch (RuntimeException e) {
        throw failed(p.name(), "onRequest", e);
      }
      if (d == null) {
        throw failed(p.name(), "onRequest", new NullPointerException("returned null"));
      }
      if (d instanceof RequestDecision.Proceed) {
        continue;
      }
      if (d instanceof RequestDecision.ReplaceChat) {
        ex.request(((RequestDecision.ReplaceChat) d).request());
        continue;
      }
      if (d instanceof RequestDecision.ReplaceEmbedding) {
        ex.embeddingRequest(((RequestDecision.ReplaceEmbedding) d).request());
        continue;
      }
      if (d instanceof RequestDecision.Reject) {
        responders = i;
        throw ((RequestDecision.Reject) d).error();
      }
      Object answer;
      if (d instanceof RequestDecision.AnswerLive) {
        answer = ((RequestDecision.AnswerLive) d).chunks(); // pulled by the door's output
      } else if (d instanceof RequestDecision.AnswerStream) {
        answer = ((RequestDecision.AnswerStream) d).response();
        answerChunks = ((RequestDecision.AnswerStream) d).chunks();
      } else {
        answer = d instanceof RequestDecision.AnswerChat
            ? ((RequestDecision.AnswerChat) d).response() : ((RequestDecision.AnswerEmbedding) d).response();
      }
      if (ex.isEmbedding() != (answer instanceof EmbeddingResponse)) {
        throw failed(p.name(), "onRequest", new IllegalStateException("answered with the wrong response type"));
      }
      responders = i;
      return answer;
    }
    responders = plugins.length;
    return null;
  }

  /** The chunks of a plugin's recorded-stream answer, or empty when it answered with a whole response. */
  List<ChatChunk> answerChunks() {
    return answerChunks;
  }

  /** The plugins' reason to drop the target, or {@code null} to keep it. */
  @Nullable String eligible(TargetRuntime t) {
    if (plugins.length == 0) {
      return null;
    }
    String requested = ex.currentModel();
    TargetInfo info = t.info(t.model(requested == null ? "" : requested));
    for (Plugin p : plugins) {
      Eligibility e;
      try {
        e = p.eligible(ex, info);
      } catch (RuntimeException re) {
        throw failed(p.name(), "eligible", re);
      }
      if (!e.eligible()) {
        return "dropped by " + p.name() + ": " + e.reason();
      }
    }
    return null;
  }

  /** Whether any plugin gets {@code onAttempt} (so the target info is worth building). */
  boolean attends() {
    return ran > 0;
  }

  /** Runs {@code onAttempt} for every plugin whose {@code onRequest} ran. */
  void attempt(TargetInfo info) {
    int n = ran;
    for (int i = 0; i < n; i++) {
      try {
        plugins[i].onAttempt(ex, info);
      } catch (RuntimeException e) {
        throw failed(plugins[i].name(), "onAttempt", e);
      }
    }
  }

  /** Runs {@code onResponse} in reverse order; returns the response to go on with, or throws a rejection. */
  ChatResponse response(ChatResponse response) {
    for (int i = responders - 1; i >= 0; i--) {
      Plugin p = plugins[i];
      ResponseDecision d;
      try {
        d = p.onResponse(ex, response);
      } catch (RuntimeException e) {
        throw failed(p.name(), "onResponse", e);
      }
      if (d instanceof ResponseDecision.Replace) {
        response = ((ResponseDecision.Replace) d).response();
      } else if (d instanceof ResponseDecision.Reject) {
        throw ((ResponseDecision.Reject) d).error();
      }
    }
    return response;
  }

  /**
   * Opens one attempt's stream stage: each responding plugin's {@code onStream} transformer, in
   * reverse order, with the plugin names for errors. Empty when no plugin transforms.
   */
  TransformerChain stream(TransformerChain.Sink sink) {
    if (responders == 0) {
      return new TransformerChain(TransformerChain.NONE, TransformerChain.NO_NAMES, sink);
    }
    List<StreamTransformer> ts = new ArrayList<>(responders);
    List<String> names = new ArrayList<>(responders);
    for (int i = responders - 1; i >= 0; i--) {
      StreamTransformer tr;
      try {
        tr = plugins[i].onStream(ex);
      } catch (RuntimeException e) {
        throw failed(plugins[i].name(), "onStream", e);
      }
      if (tr != null) {
        ts.add(tr);
        names.add(plugins[i].name());
      }
    }
    return new TransformerChain(ts.toArray(TransformerChain.NONE), names.toArray(TransformerChain.NO_NAMES), sink);
  }

  /** Runs {@code onComplete} for every plugin, in reverse order; a failure is counted, never thrown. */
  void complete(Outcome outcome, Engine engine) {
    for (int i = plugins.length - 1; i >= 0; i--) {
      try {
        plugins[i].onComplete(ex, outcome);
      } catch (Throwable ignored) {
        engine.pluginFailure();
      }
    }
  }
}
