package dev.aegis.providers.ollama.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.aegis.providers.internal.StreamEnds;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.StreamException;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.ErrorReasons;
import dev.aegis.providers.internal.NdjsonReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Encodes {@link ChatRequest}s for Ollama's {@code /api/chat} and decodes its answers, whole or
 * as NDJSON stream lines.
 *
 * <p>Mapping: {@code temperature}, {@code topP}, {@code topK}, {@code maxTokens}
 * ({@code num_predict}), {@code stop}, {@code seed}, presence and frequency penalties go into
 * {@code options}; images must be inline ({@code data:} URLs) and are sent as base64 in
 * {@code images}; {@code responseFormat} becomes {@code format} ({@code "json"} or the schema);
 * {@code reasoningEffort} becomes {@code think} ({@code none} → {@code false}, {@code low},
 * {@code medium}, {@code high} as given, anything else → {@code true}). Tool results carry
 * {@code tool_name}, found from the assistant call they answer. Ollama has no {@code n},
 * {@code logprobs}, {@code user}, {@code tool_choice} or {@code parallel_tool_calls}: they are not
 * sent. Extras and target params are merged at the top level, except an {@code options} map, which
 * is merged into {@code options}.
 *
 * <p>Tool calls arrive without ids and with arguments as a JSON object: the arguments are written
 * as JSON text and each call gets the stable id {@code call_<index>_<hash of name and arguments>},
 * identical in whole and streamed answers. Usage is {@code prompt_eval_count} /
 * {@code eval_count}; {@code done_reason} gives the finish reason ({@code stop} with tool calls →
 * {@code tool_calls}).
 *
 * <p>Immutable and thread-safe; the stream decoder is not.
 */
public final class OllamaCodec {
  private static final Set<String> KNOWN = Set.of("model", "created_at", "message", "done", "done_reason",
      "prompt_eval_count", "eval_count");

  public OllamaCodec() {}

  // ------------------------------------------------------------------ requests

  /** The request body as a tree. */
  public ObjectNode encode(ChatRequest r, String model, Map<String, ?> params, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    Map<String, String> toolNames = new HashMap<>();
    for (Message m : r.messages()) {
      messages.add(encodeMessage(m, toolNames));
    }
    body.put("stream", stream);
    if (!r.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (Tool t : r.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function").put("name", t.name());
        if (t.description() != null) fn.put("description", t.description());
        fn.putRawValue("parameters", new RawValue(t.parameters().isBlank() ? "{}" : t.parameters().strip()));
      }
    }
    ResponseFormat f = r.responseFormat();
    if (f != null && f.type() == ResponseFormat.Type.JSON_OBJECT) {
      body.put("format", "json");
    } else if (f != null && f.type() == ResponseFormat.Type.JSON_SCHEMA && f.schema() != null) {
      body.putRawValue("format", new RawValue(f.schema().strip()));
    }
    if (r.reasoningEffort() != null) {
      String e = r.reasoningEffort();
      if (e.equals("none")) body.put("think", false);
      else if (e.equals("low") || e.equals("medium") || e.equals("high")) body.put("think", e);
      else body.put("think", true);
    }
    ObjectNode options = Json.object();
    if (r.temperature() != null) options.put("temperature", r.temperature());
    if (r.topP() != null) options.put("top_p", r.topP());
    if (r.topK() != null) options.put("top_k", r.topK());
    if (r.maxTokens() != null) options.put("num_predict", r.maxTokens());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = options.putArray("stop");
      r.stop().forEach(stop::add);
    }
    if (r.seed() != null) options.put("seed", r.seed());
    if (r.presencePenalty() != null) options.put("presence_penalty", r.presencePenalty());
    if (r.frequencyPenalty() != null) options.put("frequency_penalty", r.frequencyPenalty());
    mergeWithOptions(body, options, r.extras());
    mergeWithOptions(body, options, params);
    if (!options.isEmpty()) body.set("options", options);
    return body;
  }

  /** The request body as bytes (see {@link #encode}). */
  public byte[] encodeBytes(ChatRequest r, String model, Map<String, ?> params, boolean stream) {
    return Json.bytes(encode(r, model, params, stream));
  }

  private static void mergeWithOptions(ObjectNode body, ObjectNode options, Map<String, ?> extras) {
    for (Map.Entry<String, ?> e : extras.entrySet()) {
      JsonNode value = Json.tree(e.getValue());
      if (e.getKey().equals("options") && value.isObject()) {
        options.setAll((ObjectNode) value);
      } else {
        body.set(e.getKey(), value);
      }
    }
  }

  private static ObjectNode encodeMessage(Message m, Map<String, String> toolNames) {
    ObjectNode o = Json.object();
    o.put("role", m.role() == Role.DEVELOPER ? "system" : m.role().wireName());
    o.put("content", m.text());
    ArrayNode images = null;
    for (ContentPart p : m.content()) {
      if (p instanceof ContentPart.Image) {
        ContentPart.Image img = (ContentPart.Image) p;
        if (!img.isData() || img.base64Data() == null) {
          throw new InvalidRequestException("Ollama takes inline (base64 data URL) images only, not " + img, "messages");
        }
        if (images == null) images = o.putArray("images");
        images.add(img.base64Data());
      }
    }
    if (!m.toolCalls().isEmpty()) {
      ArrayNode calls = o.putArray("tool_calls");
      for (ToolCall c : m.toolCalls()) {
        toolNames.put(c.id(), c.name());
        ObjectNode fn = calls.addObject().putObject("function").put("name", c.name());
        JsonNode args = Json.tryRead(c.arguments());
        if (args != null && args.isObject()) {
          fn.set("arguments", args);
        } else {
          fn.putObject("arguments");
        }
      }
    }
    if (m.role() == Role.TOOL && m.toolCallId() != null) {
      String name = toolNames.get(m.toolCallId());
      if (name != null) o.put("tool_name", name);
    }
    return o;
  }

  // ------------------------------------------------------------------ responses

  /** Decodes a whole {@code /api/chat} answer. */
  public ChatResponse decode(JsonNode root, ResponseMetadata metadata) {
    String createdAt = Json.text(root, "created_at");
    Message.Builder m = Message.builder(Role.ASSISTANT);
    JsonNode message = root.path("message");
    m.addText(text(root));
    String thinking = Json.text(message, "thinking");
    if (thinking != null && !thinking.isEmpty()) m.addReasoning(Reasoning.of(thinking));
    int i = 0;
    for (JsonNode tc : message.path("tool_calls")) {
      JsonNode fn = tc.path("function");
      String name = Json.text(fn, "name");
      String args = arguments(fn.get("arguments"));
      m.addToolCall(new ToolCall(toolCallId(tc, i, name, args), name == null ? "unknown" : name, args));
      i++;
    }
    Message msg = m.build();
    return ChatResponse.builder()
        .id(id(createdAt))
        .model(Json.text(root, "model") == null ? "" : Json.text(root, "model"))
        .created(epochSeconds(createdAt))
        .addChoice(Choice.of(0, msg, finishReason(root, !msg.toolCalls().isEmpty())))
        .usage(usage(root))
        .extras(Json.unknownFields(root, KNOWN))
        .metadata(metadata)
        .build();
  }

  /** The text of a chat line ({@code message.content}) or of a generate line ({@code response}). */
  private static String text(JsonNode line) {
    String content = Json.text(line.path("message"), "content");
    if (content == null) content = Json.text(line, "response");
    return content == null ? "" : content;
  }

  static String arguments(@Nullable JsonNode args) {
    if (args == null || args.isNull()) return "{}";
    return args.isTextual() ? args.asText() : Json.text(args);
  }

  /** The call's own id when Ollama sends one, else a stable id from its position, name and arguments. */
  static String toolCallId(JsonNode tc, int index, @Nullable String name, String args) {
    String id = Json.text(tc, "id");
    if (id != null && !id.isEmpty()) return id;
    int h = (String.valueOf(name) + '\u0000' + args).hashCode();
    return "call_" + index + '_' + String.format("%08x", h);
  }

  static Usage usage(JsonNode root) {
    return Usage.of(Json.intValue(root, "prompt_eval_count", 0), Json.intValue(root, "eval_count", 0));
  }

  static FinishReason finishReason(JsonNode root, boolean toolCalls) {
    String reason = Json.text(root, "done_reason");
    if (reason == null || reason.equals("stop")) {
      return toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }
    return FinishReason.fromWire(reason);
  }

  static String id(@Nullable String createdAt) {
    return "ollama-" + (createdAt == null ? "0" : createdAt);
  }

  static long epochSeconds(@Nullable String createdAt) {
    if (createdAt == null) return 0;
    try {
      return OffsetDateTime.parse(createdAt).toEpochSecond();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  /**
   * Decodes a whole NDJSON body (or a live one, line by line as it arrives) and emits its chunks;
   * returns after the {@code done: true} line.
   *
   * @throws IOException when reading the body fails
   * @throws StreamException for an error line
   * @throws ProviderException (retryable) when the body ends before the done line
   */
  public void decodeStream(BufferedSource body, String provider, int httpStatus, @Nullable String requestId,
      ChunkSink sink) throws IOException {
    decodeStream(new NdjsonReader(body), provider, httpStatus, requestId, sink);
  }

  /** As {@link #decodeStream(BufferedSource, String, int, String, ChunkSink)} over a reader with its own line limit. */
  public void decodeStream(NdjsonReader reader, String provider, int httpStatus, @Nullable String requestId,
      ChunkSink sink) throws IOException {
    StreamDecoder decoder = newStreamDecoder(provider, httpStatus, requestId);
    for (String line = reader.next(); line != null; line = reader.next()) {
      if (decoder.accept(line, sink)) {
        return;
      }
    }
    decoder.end();
  }

  /** A decoder for one NDJSON stream. */
  public StreamDecoder newStreamDecoder(String provider, int httpStatus, @Nullable String requestId) {
    return new StreamDecoder(provider, httpStatus, requestId);
  }

  /**
   * Decodes one {@code /api/chat} NDJSON stream line by line. An {@code {"error":...}} line is
   * thrown as a {@link StreamException} whose cause is the classifying {@link ProviderException}
   * (status: the stream's HTTP status, so retryable unless the error says otherwise).
   *
   * <p>Not thread-safe: one decoder per stream.
   */
  public static final class StreamDecoder {
    private final String provider;
    private final int httpStatus;
    private final @Nullable String requestId;
    private @Nullable String id;
    private String model = "";
    private boolean roleSent;
    private int toolCalls;
    private boolean done;

    StreamDecoder(String provider, int httpStatus, @Nullable String requestId) {
      this.provider = provider;
      this.httpStatus = httpStatus;
      this.requestId = requestId;
    }

    /**
     * Decodes one line and emits its chunk.
     *
     * @return {@code true} once the line with {@code done: true} was decoded
     */
    public boolean accept(String line, ChunkSink sink) {
      JsonNode root;
      try {
        root = Json.read(line);
      } catch (IOException e) {
        throw BodyFault.invalidEvent("a stream line", line, e);
      }
      return accept(root, sink);
    }

    /** Decodes one parsed line (see {@link #accept(String, ChunkSink)}). */
    public boolean accept(JsonNode root, ChunkSink sink) {
      JsonNode err = root.get("error");
      if (err != null && !err.isNull()) {
        String message = err.isTextual() ? err.asText() : Json.text(err, "message");
        throw error(new ProviderError(provider, httpStatus, null, null, null,
            message == null ? Json.text(err) : message, null, requestId));
      }
      if (id == null) {
        id = OllamaCodec.id(Json.text(root, "created_at"));
        String m = Json.text(root, "model");
        if (m != null) model = m;
      }
      ChatChunk.Builder b = ChatChunk.builder(id, model).index(0);
      boolean any = !roleSent;
      if (!roleSent) {
        b.role(Role.ASSISTANT);
        roleSent = true;
      }
      String text = text(root);
      if (!text.isEmpty()) {
        b.text(text);
        any = true;
      }
      JsonNode message = root.path("message");
      String thinking = Json.text(message, "thinking");
      if (thinking != null && !thinking.isEmpty()) {
        b.reasoning(thinking);
        any = true;
      }
      for (JsonNode tc : message.path("tool_calls")) {
        any = true;
        JsonNode fn = tc.path("function");
        String name = Json.text(fn, "name");
        String args = arguments(fn.get("arguments"));
        int index = toolCalls++;
        b.addToolCall(new ToolCallDelta(index, toolCallId(tc, index, name, args), name == null ? "unknown" : name, args));
      }
      if (root.path("done").asBoolean(false)) {
        done = true;
        b.finishReason(finishReason(root, toolCalls > 0)).usage(usage(root));
        any = true;
      }
      if (any) sink.emit(b.build());
      return done;
    }

    /**
     * Called when the body ended before a {@code done: true} line.
     *
     * @throws ProviderException retryable: the answer was cut off
     */
    public void end() {
      if (!done) {
        throw StreamEnds.incomplete(provider, httpStatus, requestId, "the stream ended before the done line");
      }
    }

    private StreamException error(ProviderError e) {
      ProviderException classified = ProviderException.of(ErrorReasons.classify(e));
      return new StreamException(provider, classified.getMessage(), classified.retryable(), classified);
    }
  }
}
