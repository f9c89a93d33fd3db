package dev.aegis.providers.gemini.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.providers.internal.StreamEnds;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.ErrorReasons;
import dev.aegis.providers.internal.SseReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a {@code streamGenerateContent?alt=sse} body (each event a whole
 * {@code GenerateContentResponse}) into normalized chunks on the calling thread. Function calls
 * arrive whole in one part (or, on Vertex with streamed arguments, as a named start, then
 * {@code partialArgs}, then an empty {@code functionCall}: assembled into one argument fragment).
 * Thought parts become reasoning deltas; a thought signature on a function call part becomes the
 * call's {@link ToolCallDelta#signature()}, one on any other part a reasoning signature.
 *
 * <p>Usage metadata is cumulative and repeated on every event: the last one is emitted once, in a
 * usage chunk after the body ends. The body must contain a finish reason before it ends, else the
 * retryable {@code incomplete_stream} of {@code StreamEnds}. An {@code error} object inside the stream is a
 * {@link StreamException} caused by the classified {@link ProviderException}; a prompt blocked
 * before any candidate is a {@link dev.aegis.api.error.ContentFilterException}.
 *
 * <p>Entry point for benchmarks: {@link #decode(BufferedSource, ChunkSink)}.
 *
 * <p>Not thread-safe: one decoder per response.
 */
public final class GeminiStreamDecoder {
  private final String provider;
  private final String fallbackModel;
  private String id = "";
  private @Nullable String model;
  private @Nullable Usage usage;
  private final Map<Integer, CandidateState> candidates = new HashMap<>(2);
  private boolean finished;

  private static final class CandidateState {
    int calls;
    int pendingIndex = -1;
    @Nullable ObjectNode pendingArgs;
  }

  public GeminiStreamDecoder(String provider, String fallbackModel) {
    this.provider = provider;
    this.fallbackModel = fallbackModel;
  }

  /** Reads the whole stream, emitting chunks; returns when the body ends after a finish reason. */
  public void decode(BufferedSource body, ChunkSink sink) throws IOException {
    decode(new SseReader(body), sink);
  }

  /** As {@link #decode(BufferedSource, ChunkSink)} over a reader with its own event limit. */
  public void decode(SseReader sse, ChunkSink sink) throws IOException {
    for (JsonNode event; (event = sse.nextJson()) != null; ) {
      onEvent(event, sink);
    }
    if (!finished) {
      throw StreamEnds.incomplete(provider, 200, null, "the stream ended without a finish reason");
    }
    if (usage != null) {
      sink.emit(ChatChunk.builder(id, modelName()).usage(usage).build());
    }
  }

  private String modelName() {
    return model == null ? fallbackModel : model;
  }

  void onEvent(JsonNode event, ChunkSink sink) {
    JsonNode error = event.get("error");
    if (error != null && error.isObject()) {
      ProviderException cause = ProviderException.of(ErrorReasons.classify(new ProviderError(provider,
          error.path("code").asInt(500), Json.text(error, "status"), null, null,
          error.path("message").asText("stream error"), null, null)));
      throw new StreamException(provider, "the stream from " + provider + " failed: " + cause.getMessage(),
          cause.retryable(), cause);
    }
    GeminiCodec.checkPromptBlocked(event, provider);
    if (id.isEmpty()) id = event.path("responseId").asText("");
    if (model == null && event.has("modelVersion")) model = event.get("modelVersion").asText();
    Usage u = GeminiCodec.usage(event.get("usageMetadata"));
    if (u != null) usage = u;
    for (JsonNode c : event.path("candidates")) {
      int index = c.path("index").asInt(0);
      CandidateState state = candidates.get(index);
      if (state == null) {
        state = new CandidateState();
        candidates.put(index, state);
        sink.emit(chunk(index).role(Role.ASSISTANT).build());
      }
      for (JsonNode part : c.path("content").path("parts")) {
        onPart(part, index, state, sink);
      }
      String reason = Json.text(c, "finishReason");
      if (reason != null && !reason.isEmpty()) {
        closePending(index, state, sink);
        finished = true;
        sink.emit(chunk(index).finishReason(GeminiCodec.finishReason(reason, state.calls > 0)).build());
      }
    }
  }

  private void onPart(JsonNode part, int index, CandidateState state, ChunkSink sink) {
    String signature = Json.text(part, "thoughtSignature");
    if (part.path("thought").asBoolean(false)) {
      String text = part.path("text").asText("");
      if (!text.isEmpty()) sink.emit(chunk(index).reasoning(text).build());
      if (signature != null) sink.emit(chunk(index).reasoningSignature(signature).build());
      return;
    }
    JsonNode fc = part.get("functionCall");
    if (fc != null) {
      onFunctionCall(fc, signature, index, state, sink);
      return;
    }
    String text = Json.text(part, "text");
    if (text != null && !text.isEmpty()) sink.emit(chunk(index).text(text).build());
    if (signature != null) sink.emit(chunk(index).reasoningSignature(signature).build());
  }

  private void onFunctionCall(JsonNode fc, @Nullable String signature, int index, CandidateState state, ChunkSink sink) {
    boolean more = fc.path("willContinue").asBoolean(false);
    if (fc.has("name")) {
      closePending(index, state, sink);
      int call = state.calls++;
      String args = more ? "" : Json.text(fc.has("args") ? fc.get("args") : Json.object());
      sink.emit(chunk(index).addToolCall(new ToolCallDelta(call, GeminiCodec.callId(fc, call),
          fc.get("name").asText(), args, signature)).build());
      if (more) {
        state.pendingIndex = call;
        state.pendingArgs = fc.has("args") && fc.get("args").isObject() ? (ObjectNode) fc.get("args").deepCopy() : Json.object();
      }
      return;
    }
    if (signature != null && state.pendingArgs != null) {
      sink.emit(chunk(index).addToolCall(new ToolCallDelta(state.pendingIndex, null, null, "", signature)).build());
    }
    if (state.pendingArgs != null && fc.has("partialArgs")) {
      for (JsonNode p : fc.get("partialArgs")) applyPartial(state.pendingArgs, p);
    }
    if (!more) closePending(index, state, sink);
  }

  private void closePending(int index, CandidateState state, ChunkSink sink) {
    if (state.pendingArgs != null) {
      sink.emit(chunk(index).addToolCall(new ToolCallDelta(state.pendingIndex, null, null,
          Json.text(state.pendingArgs))).build());
      state.pendingArgs = null;
      state.pendingIndex = -1;
    }
  }

  /** Applies one {@code partialArgs} entry ({@code $.a.b} paths; string values are appended). */
  static void applyPartial(ObjectNode args, JsonNode p) {
    String path = p.path("jsonPath").asText("");
    if (!path.startsWith("$.")) return;
    String[] keys = path.substring(2).split("\\.");
    ObjectNode target = args;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = target.get(keys[i]);
      target = next instanceof ObjectNode ? (ObjectNode) next : target.putObject(keys[i]);
    }
    String key = keys[keys.length - 1];
    if (p.has("stringValue")) {
      JsonNode old = target.get(key);
      target.put(key, (old != null && old.isTextual() ? old.asText() : "") + p.get("stringValue").asText());
    } else if (p.has("numberValue")) {
      target.set(key, p.get("numberValue"));
    } else if (p.has("boolValue")) {
      target.set(key, p.get("boolValue"));
    } else if (p.has("nullValue")) {
      target.putNull(key);
    }
  }

  private ChatChunk.Builder chunk(int index) {
    return ChatChunk.builder(id, modelName()).index(index);
  }
}
