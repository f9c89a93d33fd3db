package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.providers.internal.StreamEnds;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.ErrorReasons;
import dev.aegis.providers.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one Chat Completions stream, event by event, into normalized {@link ChatChunk}s: one
 * chunk per choice of each event; tool-call fragments re-indexed densely per choice (Mistral sends
 * no {@code index}: a fragment with an id starts a new call, one without continues the last);
 * reasoning from {@code reasoning_content} or {@code reasoning}; usage attached to the event's last
 * chunk or, for the final {@code choices: []} event, to a usage-only chunk; chunk ids stay the
 * stream's first non-empty id.
 *
 * <p>Provider data is kept in {@link ChatChunk#extras()}: a choice's unmodelled fields (Azure's
 * per-chunk {@code content_filter_results} and asynchronous-filter {@code content_filter_offsets})
 * on that choice's chunk, an event's unmodelled top-level fields (Groq's {@code x_groq}, Azure's
 * {@code prompt_filter_results}) on the event's first chunk. An event that carries only such data
 * becomes an extras-only chunk, or, before the stream's id is known (Azure's empty-id
 * prompt-filter event), rides on the next chunk. OpenAI's {@code obfuscation} padding is dropped.
 *
 * <p>An error arriving inside the stream ({@code event: error}, or a payload with an
 * {@code error} member) is thrown as a {@link StreamException} whose cause is the
 * {@link ProviderException} that classifies it (status from the error's {@code status_code} or
 * {@code status}, else the HTTP status of the stream); its {@code retryable()} follows that
 * classification.
 *
 * <p>Not thread-safe: one decoder per stream, fed from the reading thread.
 */
public final class ChatCompletionsStreamDecoder {
  /** Event fields the chunk models (or, like {@code obfuscation} padding, deliberately drops). */
  private static final Set<String> KNOWN_EVENT_FIELDS = Set.of("id", "object", "created", "model", "choices",
      "usage", "system_fingerprint", "obfuscation", "service_tier");
  private static final Set<String> KNOWN_CHOICE_FIELDS = Set.of("index", "delta", "finish_reason", "logprobs");
  private final String provider;
  private final Quirks quirks;
  private final int httpStatus;
  private final @Nullable String requestId;
  private String id = "";
  private String model = "";
  private final Map<Integer, ToolIndex> tools = new HashMap<>(2);
  private final List<ChatChunk.Builder> pending = new ArrayList<>(1);
  private final Map<String, Object> held = new LinkedHashMap<>(0);
  private final Map<String, Object> eventExtras = new LinkedHashMap<>(0);
  private boolean finished;
  private boolean done;

  ChatCompletionsStreamDecoder(String provider, Quirks quirks, int httpStatus, @Nullable String requestId) {
    this.provider = provider;
    this.quirks = quirks;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  /**
   * Decodes one SSE event and emits its chunks.
   *
   * @param event the SSE event name, or {@code null}
   * @param data the event's data
   * @return {@code true} once the stream signalled its end ({@code [DONE]})
   * @throws StreamException for an error event
   */
  public boolean accept(@Nullable String event, String data, ChunkSink sink) {
    if (done) {
      return true;
    }
    if (data.length() == 6 && data.equals("[DONE]")) {
      done = true;
      return true;
    }
    JsonNode root;
    try {
      root = Json.read(data);
    } catch (IOException e) {
      if ("error".equals(event)) {
        throw streamError(new ProviderError(provider, httpStatus, null, null, null, data, null, requestId));
      }
      throw BodyFault.invalidEvent("a stream event", data, e);
    }
    return accept(event, root, sink);
  }

  /** Decodes one parsed event (see {@link #accept(String, String, ChunkSink)}). */
  public boolean accept(@Nullable String event, JsonNode root, ChunkSink sink) {
    JsonNode error = root.get("error");
    if ("error".equals(event) || (error != null && !error.isNull())) {
      throw streamError(error(error == null ? root : error));
    }
    String chunkId = Json.text(root, "id");
    if (id.isEmpty() && chunkId != null) id = chunkId;
    String chunkModel = Json.text(root, "model");
    if (model.isEmpty() && chunkModel != null) model = chunkModel;

    pending.clear();
    JsonNode choices = root.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        ChatChunk.Builder b = choice(c);
        if (b != null) pending.add(b);
      }
    }
    JsonNode usageNode = quirks.usage(root);
    Usage usage = usageNode == null ? null : ChatCompletionsCodec.usage(usageNode);
    if (usage != null) {
      if (pending.isEmpty()) {
        pending.add(ChatChunk.builder(id, model).index(0));
      }
      pending.get(pending.size() - 1).usage(usage);
    }
    eventExtras.clear();
    ChatCompletionsCodec.collect(root, KNOWN_EVENT_FIELDS, "", eventExtras);
    if (!eventExtras.isEmpty()) {
      if (pending.isEmpty() && id.isEmpty()) {
        held.putAll(eventExtras);
      } else {
        if (pending.isEmpty()) pending.add(ChatChunk.builder(id, model).index(0));
        eventExtras.forEach(pending.get(0)::extra);
      }
    }
    if (!held.isEmpty() && !pending.isEmpty() && !id.isEmpty()) {
      ChatChunk.Builder first = pending.get(0);
      held.forEach(first::extra);
      held.clear();
    }
    for (ChatChunk.Builder b : pending) {
      sink.emit(b.build());
    }
    return false;
  }

  private ChatChunk.@Nullable Builder choice(JsonNode c) {
    int index = c.path("index").asInt(0);
    ChatChunk.Builder b = ChatChunk.builder(id, model).index(index);
    boolean any = false;
    JsonNode delta = c.get("delta");
    if (delta != null && delta.isObject()) {
      String role = Json.text(delta, "role");
      if (role != null) {
        try {
          b.role(Role.fromWire(role));
          any = true;
        } catch (IllegalArgumentException unknownRole) {
          // not a role we model; the content still counts
        }
      }
      JsonNode content = delta.get("content");
      if (content != null && content.isTextual()) {
        if (!content.asText().isEmpty()) {
          b.text(content.asText());
          any = true;
        }
      } else if (content != null && content.isArray()) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode part : content) {
          String type = Json.text(part, "type");
          if ("thinking".equals(type)) {
            ChatCompletionsCodec.appendThinking(part, thinking);
          } else if ("text".equals(type)) {
            text.append(ChatCompletionsCodec.textOr(part, "text", ""));
          }
        }
        if (text.length() > 0) {
          b.text(text.toString());
          any = true;
        }
        if (thinking.length() > 0) {
          b.reasoning(thinking.toString());
          any = true;
        }
      }
      String reasoning = ChatCompletionsCodec.reasoning(delta);
      if (reasoning != null && !reasoning.isEmpty()) {
        b.reasoning(reasoning);
        any = true;
      }
      String refusal = Json.text(delta, "refusal");
      if (refusal != null && !refusal.isEmpty()) {
        b.refusal(refusal);
        any = true;
      }
      JsonNode calls = delta.get("tool_calls");
      if (calls != null && calls.isArray() && !calls.isEmpty()) {
        ToolIndex ti = tools.computeIfAbsent(index, i -> new ToolIndex());
        for (JsonNode tc : calls) {
          b.addToolCall(toolDelta(ti, tc));
        }
        any = true;
      }
    }
    String finish = Json.text(c, "finish_reason");
    if (finish != null) {
      b.finishReason(dev.aegis.api.chat.FinishReason.fromWire(finish));
      finished = true;
      any = true;
    }
    JsonNode logprobs = c.get("logprobs");
    if (logprobs != null && logprobs.isObject()) {
      var lp = ChatCompletionsCodec.logprobs(logprobs);
      if (!lp.isEmpty()) {
        b.logprobs(lp);
        any = true;
      }
    }
    eventExtras.clear();
    ChatCompletionsCodec.collect(c, KNOWN_CHOICE_FIELDS, "", eventExtras);
    if (!eventExtras.isEmpty()) {
      if (id.isEmpty()) {
        held.putAll(eventExtras);
      } else {
        eventExtras.forEach(b::extra);
        any = true;
      }
    }
    return any ? b : null;
  }

  private static ToolCallDelta toolDelta(ToolIndex ti, JsonNode tc) {
    String callId = Json.text(tc, "id");
    if (callId != null && callId.isEmpty()) callId = null;
    JsonNode upstream = tc.get("index");
    int dense;
    if (upstream != null && upstream.canConvertToInt()) {
      dense = ti.dense(upstream.asInt());
    } else if (callId != null || ti.count == 0) {
      dense = ti.count++;
    } else {
      dense = ti.count - 1;
    }
    JsonNode fn = tc.path("function");
    String name = Json.text(fn, "name");
    if (name != null && name.isEmpty()) name = null;
    JsonNode args = fn.get("arguments");
    String arguments = args == null || args.isNull() ? "" : args.isTextual() ? args.asText() : Json.text(args);
    return new ToolCallDelta(dense, callId, name, arguments);
  }

  /**
   * Called when the body ended without {@code [DONE]}. Returns normally when a finish reason was
   * seen (some servers omit {@code [DONE]}); otherwise the answer was cut off.
   *
   * @throws ProviderException retryable, when no finish reason was seen
   */
  public void end() {
    if (!done && !finished) {
      throw StreamEnds.incomplete(provider, httpStatus, requestId, "the stream ended before the provider signalled its end");
    }
  }

  /** Whether a finish reason was seen. */
  public boolean finished() {
    return finished;
  }

  private ProviderError error(JsonNode err) {
    if (err.isTextual()) {
      return new ProviderError(provider, httpStatus, null, null, null, err.asText(), null, requestId);
    }
    int status = Json.intValue(err, "status_code", Json.intValue(err, "status", httpStatus));
    String message = Json.text(err, "message");
    return new ProviderError(provider, status, Json.text(err, "type"), Json.text(err, "code"),
        Json.text(err, "param"), message == null ? Json.text(err) : message, null, requestId);
  }

  private StreamException streamError(ProviderError error) {
    ProviderException classified = ProviderException.of(ErrorReasons.classify(error));
    return new StreamException(provider, classified.getMessage(), classified.retryable(), classified);
  }

  /** Dense per-choice numbering of tool calls in order of first appearance. */
  private static final class ToolIndex {
    final Map<Integer, Integer> byUpstream = new HashMap<>(2);
    int count;

    int dense(int upstream) {
      Integer d = byUpstream.get(upstream);
      if (d == null) {
        d = count++;
        byUpstream.put(upstream, d);
      }
      return d;
    }
  }
}
