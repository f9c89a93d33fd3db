package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderErrorCode;
import dev.aegis.api.provider.ChunkSink;
import dev.aegis.providers.internal.BodyFault;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Encodes {@link ChatRequest}s into Chat Completions request bodies and decodes Chat Completions
 * responses into {@link ChatResponse}s, for one dialect ({@link Quirks}). Works on Jackson trees;
 * bytes in and out. Streams are decoded by {@link #newStreamDecoder}.
 *
 * <pre>{@code
 * ChatCompletionsCodec codec = new ChatCompletionsCodec(Quirks.OPENAI);
 * byte[] body = codec.encodeBytes(request, "gpt-4.1-mini", Map.of(), false);
 * ChatResponse response = codec.decode(responseBytes, ResponseMetadata.builder());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatCompletionsCodec {
  /** Top-level response fields modelled by {@link ChatResponse}; the rest is kept as extras. */
  static final Set<String> KNOWN_RESPONSE_FIELDS =
      Set.of("id", "object", "created", "model", "choices", "usage", "system_fingerprint");
  /** Choice and message fields modelled by {@link Choice} and {@link Message}. */
  static final Set<String> KNOWN_CHOICE_FIELDS = Set.of("index", "message", "finish_reason", "logprobs");
  static final Set<String> KNOWN_MESSAGE_FIELDS =
      Set.of("role", "content", "refusal", "tool_calls", "reasoning_content", "reasoning");
  static final Set<String> KNOWN_USAGE_FIELDS = Set.of("prompt_tokens", "completion_tokens", "total_tokens",
      "prompt_tokens_details", "completion_tokens_details");

  private final Quirks quirks;

  public ChatCompletionsCodec(Quirks quirks) {
    this.quirks = quirks;
  }

  public Quirks quirks() {
    return quirks;
  }

  // ------------------------------------------------------------------ requests

  /**
   * The request body as a tree. {@code model} is the upstream model (the call's, not the
   * request's); {@code params} are the target's body parameters, merged after the request's
   * extras so that the operator's configuration wins.
   */
  public ObjectNode encode(ChatRequest r, String model, Map<String, ?> params, boolean stream) {
    return ChatCompletionsRequestEncoder.encode(r, model, params, stream, quirks);
  }

  /** The request body as bytes (see {@link #encode}). */
  public byte[] encodeBytes(ChatRequest r, String model, Map<String, ?> params, boolean stream) {
    return Json.bytes(encode(r, model, params, stream));
  }

  // ------------------------------------------------------------------ responses

  /** Decodes a response body. */
  public ChatResponse decode(byte[] body, ResponseMetadata.Builder metadata) throws IOException {
    return decode(Json.read(body), metadata);
  }

  /**
   * Decodes a parsed response; {@code metadata} receives what the dialect reports beyond it.
   *
   * @throws BodyFault for a value the answer's types refuse (a negative index or token count)
   */
  public ChatResponse decode(JsonNode root, ResponseMetadata.Builder metadata) {
    try {
      return decodeChecked(root, metadata);
    } catch (IllegalArgumentException outOfRange) {
      // the value types check their fields; a provider's impossible value is its answer's fault
      throw new BodyFault(ProviderErrorCode.INVALID_RESPONSE, "the answer has an impossible value: "
          + outOfRange.getMessage(), null, outOfRange);
    }
  }

  private ChatResponse decodeChecked(JsonNode root, ResponseMetadata.Builder metadata) {
    ChatResponse.Builder b = ChatResponse.builder()
        .id(textOr(root, "id", ""))
        .model(textOr(root, "model", ""))
        .created(root.path("created").asLong(0))
        .systemFingerprint(Json.text(root, "system_fingerprint"));
    JsonNode choices = root.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode c : choices) {
        JsonNode message = c.get("message");
        Message m = message != null && message.isObject() ? decodeMessage(message)
            : Message.builder(Role.ASSISTANT).build();
        b.addChoice(new Choice(c.path("index").asInt(0), m, finishReason(c), logprobs(c.get("logprobs")),
            choiceExtras(c)));
      }
    }
    if (choices == null || choices.isEmpty()) {
      b.addChoice(Choice.of(0, Message.builder(Role.ASSISTANT).build(), null));
    }
    JsonNode usage = quirks.usage(root);
    b.usage(usage == null ? Usage.ZERO : usage(usage));
    Map<String, @Nullable Object> extras = Json.unknownFields(root, KNOWN_RESPONSE_FIELDS);
    if (usage != null && hasOtherFields(usage, KNOWN_USAGE_FIELDS)) {
      extras.put("usage", Json.plain(usage)); // provider usage details: cost, timings, cache misses
    }
    b.extras(extras);
    quirks.response(root, metadata);
    return b.metadata(metadata.build()).build();
  }

  private static boolean hasOtherFields(JsonNode node, Set<String> known) {
    var names = node.fieldNames();
    while (names.hasNext()) {
      if (!known.contains(names.next())) return true;
    }
    return false;
  }

  /** A choice's unmodelled, non-empty fields and its message's ({@code message.*}): annotations, content filter results. */
  private static Map<String, Object> choiceExtras(JsonNode c) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>(0);
    collect(c, KNOWN_CHOICE_FIELDS, "", fields);
    JsonNode m = c.get("message");
    if (m != null && m.isObject()) collect(m, KNOWN_MESSAGE_FIELDS, "message.", fields);
    return fields;
  }

  static void collect(JsonNode node, Set<String> known, String prefix, Map<String, Object> into) {
    node.fields().forEachRemaining(e -> {
      JsonNode v = e.getValue();
      if (known.contains(e.getKey()) || v.isNull() || (v.isContainerNode() && v.isEmpty())) return;
      Object plain = Json.plain(v);
      if (plain != null) into.put(prefix + e.getKey(), plain);
    });
  }

  static Message decodeMessage(JsonNode m) {
    Message.Builder b = Message.builder(Role.ASSISTANT);
    JsonNode content = m.get("content");
    if (content != null && content.isTextual()) {
      // "" is how OpenAI writes an answer without text: no content, as the endpoint reads it too
      if (!content.asText().isEmpty()) b.addText(content.asText());
    } else if (content != null && content.isArray()) {
      // typed parts (Mistral's Magistral): text parts are content, thinking parts are reasoning
      StringBuilder thinking = new StringBuilder();
      for (JsonNode part : content) {
        String type = Json.text(part, "type");
        if ("thinking".equals(type)) {
          appendThinking(part, thinking);
        } else if ("text".equals(type)) {
          b.addText(textOr(part, "text", ""));
        }
      }
      if (thinking.length() > 0) b.addReasoning(Reasoning.of(thinking.toString()));
    }
    String refusal = Json.text(m, "refusal");
    if (refusal != null) b.refusal(refusal);
    String reasoning = reasoning(m);
    if (reasoning != null && !reasoning.isEmpty()) b.addReasoning(Reasoning.of(reasoning));
    JsonNode calls = m.get("tool_calls");
    if (calls != null && calls.isArray()) {
      int i = 0;
      for (JsonNode c : calls) {
        JsonNode fn = c.path("function");
        String id = Json.text(c, "id");
        b.addToolCall(new ToolCall(id == null || id.isEmpty() ? "call_" + i : id,
            textOr(fn, "name", "unknown"), arguments(fn.get("arguments"))));
        i++;
      }
    }
    return b.build();
  }

  /** The reasoning text of a message or delta: DeepSeek/xAI {@code reasoning_content}, Groq/Ollama {@code reasoning}. */
  static @Nullable String reasoning(JsonNode node) {
    JsonNode r = node.get("reasoning_content");
    if (r == null || !r.isTextual()) r = node.get("reasoning");
    return r != null && r.isTextual() ? r.asText() : null;
  }

  static void appendThinking(JsonNode part, StringBuilder into) {
    JsonNode thinking = part.get("thinking");
    if (thinking != null && thinking.isTextual()) {
      into.append(thinking.asText());
    } else if (thinking != null && thinking.isArray()) {
      for (JsonNode t : thinking) {
        into.append(textOr(t, "text", ""));
      }
    }
  }

  static String arguments(@Nullable JsonNode args) {
    if (args == null || args.isNull()) return "{}";
    if (args.isTextual()) return args.asText();
    return Json.text(args); // some servers send the arguments as an object
  }

  static @Nullable FinishReason finishReason(JsonNode choice) {
    String f = Json.text(choice, "finish_reason");
    return f == null ? null : FinishReason.fromWire(f);
  }

  static List<TokenLogprob> logprobs(@Nullable JsonNode logprobs) {
    if (logprobs == null || !logprobs.isObject()) return List.of();
    JsonNode content = logprobs.get("content");
    if (content == null || !content.isArray() || content.isEmpty()) return List.of();
    List<TokenLogprob> out = new ArrayList<>(content.size());
    for (JsonNode t : content) {
      List<TokenLogprob> top = List.of();
      JsonNode topNode = t.get("top_logprobs");
      if (topNode != null && topNode.isArray() && !topNode.isEmpty()) {
        top = new ArrayList<>(topNode.size());
        for (JsonNode alt : topNode) {
          top.add(new TokenLogprob(textOr(alt, "token", ""), alt.path("logprob").asDouble(), List.of()));
        }
      }
      out.add(new TokenLogprob(textOr(t, "token", ""), t.path("logprob").asDouble(), top));
    }
    return out;
  }

  /**
   * Normalizes a usage object: cached prompt tokens from {@code prompt_tokens_details.cached_tokens}
   * (DeepSeek: {@code prompt_cache_hit_tokens}); reasoning from
   * {@code completion_tokens_details.reasoning_tokens}. Where {@code total_tokens} shows that
   * {@code completion_tokens} excluded the reasoning tokens (xAI), they are added to the output
   * so that output always includes reasoning.
   */
  public static Usage usage(JsonNode u) {
    int in = Json.intValue(u, "prompt_tokens", 0);
    int out = Json.intValue(u, "completion_tokens", 0);
    int cached = Json.intValue(u.get("prompt_tokens_details"), "cached_tokens", -1);
    if (cached <= 0) cached = Math.max(cached, Json.intValue(u, "prompt_cache_hit_tokens", 0));
    int reasoning = Json.intValue(u.get("completion_tokens_details"), "reasoning_tokens", 0);
    int total = Json.intValue(u, "total_tokens", -1);
    if (reasoning > 0 && total != in + out && total == in + out + reasoning) {
      out += reasoning;
    }
    return Usage.builder().inputTokens(in).outputTokens(out).cacheReadTokens(Math.min(Math.max(cached, 0), in))
        .reasoningTokens(Math.min(reasoning, out)).build();
  }

  static String textOr(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  /**
   * Decodes a whole SSE body (or a live one, event by event as it arrives) and emits its chunks;
   * returns after {@code [DONE]}, or at the end of the body when a finish reason was seen.
   *
   * @param requestId the upstream request id for errors, or {@code null}
   * @throws IOException when reading the body fails
   * @throws dev.aegis.api.error.StreamException for an error event in the stream
   * @throws dev.aegis.api.error.ProviderException (retryable) when the body ends before a finish reason
   */
  public void decodeStream(BufferedSource body, String provider, int httpStatus, @Nullable String requestId,
      ChunkSink sink) throws IOException {
    decodeStream(new SseReader(body), provider, httpStatus, requestId, sink);
  }

  /** As {@link #decodeStream(BufferedSource, String, int, String, ChunkSink)} over a reader with its own event limit. */
  public void decodeStream(SseReader reader, String provider, int httpStatus, @Nullable String requestId,
      ChunkSink sink) throws IOException {
    ChatCompletionsStreamDecoder decoder = newStreamDecoder(provider, httpStatus, requestId);
    for (SseReader.Event e = reader.next(); e != null; e = reader.next()) {
      if (decoder.accept(e.name(), e.data(), sink)) {
        return;
      }
    }
    decoder.end();
  }

  /** A decoder for one streamed answer. */
  public ChatCompletionsStreamDecoder newStreamDecoder(String provider, int httpStatus, @Nullable String requestId) {
    return new ChatCompletionsStreamDecoder(provider, quirks, httpStatus, requestId);
  }
}
