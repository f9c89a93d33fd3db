package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.TokenLogprob;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolCallDelta;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.model.ModelInfo;
import dev.aegis.providers.internal.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outbound direction of the gateway's endpoint, the mirror of {@link ChatCompletionsCodec}'s
 * decoding: writes {@link ChatResponse}s, {@link ChatChunk}s, embeddings, model lists and errors
 * as OpenAI's wire JSON. Messages are written by the codec's own message encoder; usage is the
 * inverse of {@link ChatCompletionsCodec#usage} (cached and reasoning tokens in their
 * {@code *_details}); reasoning travels as {@code reasoning_content}, and as
 * {@code thinking_blocks} (with signatures and redacted blocks) when a block carries either, the
 * compatible extensions that clients send back on the next turn; a tool call's signature travels
 * as {@code extra_content.google.thought_signature}, as Gemini's OpenAI-compatible API sends it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChatCompletionsResponseEncoder {
  /** The message field that carries reasoning blocks with their signatures (LiteLLM's extension). */
  static final String THINKING_BLOCKS = "thinking_blocks";
  /** The tool-call field that carries a call's signature as Gemini's OpenAI-compatible API does. */
  static final String EXTRA_CONTENT = "extra_content";

  private ChatCompletionsResponseEncoder() {}

  /** A whole answer ({@code object: chat.completion}). */
  public static byte[] response(ChatResponse r, String id, long created) {
    ObjectNode root = Json.object()
        .put("id", r.id().isEmpty() ? id : r.id())
        .put("object", "chat.completion")
        .put("created", r.created() > 0 ? r.created() : created)
        .put("model", r.model());
    ArrayNode choices = root.putArray("choices");
    for (Choice c : r.choices()) {
      ObjectNode choice = choices.addObject().put("index", c.index());
      ObjectNode message = ChatCompletionsRequestEncoder.encodeMessage(c.message());
      if (!message.has("refusal")) message.putNull("refusal");
      reasoning(c.message().reasoning(), message);
      toolCallSignatures(c.message().toolCalls(), message);
      choice.set("message", message);
      logprobs(c.logprobs(), choice);
      if (c.finishReason() == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", c.finishReason().wireName());
      }
    }
    root.set("usage", usage(r.usage()));
    if (r.systemFingerprint() != null) root.put("system_fingerprint", r.systemFingerprint());
    return Json.bytes(root);
  }

  /**
   * One stream event's data ({@code object: chat.completion.chunk}) for a chunk's choice delta, or
   * {@code null} when the chunk carries nothing but usage (which the caller sends, if asked, in the
   * final usage chunk).
   */
  public static byte @Nullable [] chunk(ChatChunk c, String id, String model, long created) {
    ObjectNode delta = Json.object();
    if (c.role() != null) delta.put("role", c.role().wireName());
    if (!c.text().isEmpty()) delta.put("content", c.text());
    if (!c.reasoning().isEmpty()) delta.put("reasoning_content", c.reasoning());
    if (c.reasoningSignature() != null || c.reasoningRedacted() != null) {
      ObjectNode block = delta.putArray(THINKING_BLOCKS).addObject();
      if (c.reasoningRedacted() != null) {
        block.put("type", "redacted_thinking").put("data", c.reasoningRedacted());
      } else {
        block.put("type", "thinking").put("thinking", c.reasoning())
            .put("signature", c.reasoningSignature());
      }
    }
    if (!c.refusal().isEmpty()) delta.put("refusal", c.refusal());
    if (!c.toolCalls().isEmpty()) {
      ArrayNode calls = delta.putArray("tool_calls");
      for (ToolCallDelta t : c.toolCalls()) {
        ObjectNode call = calls.addObject().put("index", t.index());
        if (t.id() != null) call.put("id", t.id()).put("type", "function");
        ObjectNode fn = call.putObject("function");
        if (t.name() != null) fn.put("name", t.name());
        fn.put("arguments", t.arguments());
        if (t.signature() != null) signature(call, t.signature());
      }
    }
    if (delta.isEmpty() && c.finishReason() == null && c.logprobs().isEmpty()) {
      return null;
    }
    ObjectNode root = chunkRoot(c.id().isEmpty() ? id : c.id(), c.model().isEmpty() ? model : c.model(), created);
    ObjectNode choice = root.putArray("choices").addObject().put("index", c.index());
    choice.set("delta", delta);
    logprobs(c.logprobs(), choice);
    if (c.finishReason() == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", c.finishReason().wireName());
    }
    return Json.bytes(root);
  }

  /** The final usage chunk of a stream that asked for it ({@code choices: []}). */
  public static byte[] usageChunk(Usage usage, String id, String model, long created) {
    ObjectNode root = chunkRoot(id, model, created);
    root.putArray("choices");
    root.set("usage", usage(usage));
    return Json.bytes(root);
  }

  private static ObjectNode chunkRoot(String id, String model, long created) {
    return Json.object().put("id", id).put("object", "chat.completion.chunk").put("created", created)
        .put("model", model);
  }

  /** Usage as OpenAI reports it; {@code prompt_tokens} includes cached tokens, {@code completion_tokens} reasoning. */
  public static ObjectNode usage(Usage u) {
    ObjectNode o = Json.object()
        .put("prompt_tokens", u.inputTokens())
        .put("completion_tokens", u.outputTokens())
        .put("total_tokens", u.totalTokens());
    o.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
    o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
    return o;
  }

  /** Adds {@code extra_content.google.thought_signature} to the codec's encoding of each signed call. */
  private static void toolCallSignatures(List<ToolCall> calls, ObjectNode message) {
    JsonNode encoded = message.get("tool_calls");
    if (encoded == null) return;
    for (int i = 0; i < calls.size(); i++) {
      String signature = calls.get(i).signature();
      if (signature != null) signature((ObjectNode) encoded.get(i), signature);
    }
  }

  private static void signature(ObjectNode call, String signature) {
    call.putObject(EXTRA_CONTENT).putObject("google").put("thought_signature", signature);
  }

  private static void reasoning(List<Reasoning> blocks, ObjectNode message) {
    if (blocks.isEmpty()) return;
    StringBuilder text = new StringBuilder();
    boolean typed = false;
    for (Reasoning r : blocks) {
      text.append(r.text());
      typed |= r.signature() != null || r.redacted() != null;
    }
    message.put("reasoning_content", text.toString());
    if (!typed) return;
    ArrayNode out = message.putArray(THINKING_BLOCKS);
    for (Reasoning r : blocks) {
      if (r.redacted() != null) {
        out.addObject().put("type", "redacted_thinking").put("data", r.redacted());
      } else {
        ObjectNode b = out.addObject().put("type", "thinking").put("thinking", r.text());
        if (r.signature() != null) b.put("signature", r.signature());
      }
    }
  }

  private static void logprobs(List<TokenLogprob> logprobs, ObjectNode choice) {
    if (logprobs.isEmpty()) {
      choice.putNull("logprobs");
      return;
    }
    ArrayNode content = choice.putObject("logprobs").putArray("content");
    for (TokenLogprob t : logprobs) {
      ObjectNode token = content.addObject().put("token", t.token()).put("logprob", t.logprob());
      token.putNull("bytes");
      ArrayNode top = token.putArray("top_logprobs");
      for (TokenLogprob alt : t.topLogprobs()) {
        top.addObject().put("token", alt.token()).put("logprob", alt.logprob()).putNull("bytes");
      }
    }
  }

  // ------------------------------------------------------------------ embeddings, models, errors

  /** An embeddings answer; vectors as float arrays or, when asked, base64 little-endian float32. */
  public static byte[] embeddings(EmbeddingResponse r, boolean base64) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Embedding e : r.embeddings()) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", e.index());
      if (base64) {
        ByteBuffer buf = ByteBuffer.allocate(e.dimensions() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < e.dimensions(); i++) buf.putFloat(e.get(i));
        item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode vector = item.putArray("embedding");
        for (int i = 0; i < e.dimensions(); i++) vector.add(e.get(i));
      }
    }
    root.put("model", r.model());
    root.putObject("usage").put("prompt_tokens", r.usage().inputTokens()).put("total_tokens", r.usage().totalTokens());
    return Json.bytes(root);
  }

  /** A model list ({@code object: list}). */
  public static byte[] models(List<ModelInfo> models) {
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (ModelInfo m : models) data.add(model(m));
    return Json.bytes(root);
  }

  /** One model ({@code object: model}). */
  public static byte[] modelBytes(ModelInfo m) {
    return Json.bytes(model(m));
  }

  private static ObjectNode model(ModelInfo m) {
    return Json.object().put("id", m.id()).put("object", "model").put("created", 0).put("owned_by", m.ownedBy());
  }

  /** An error body: {@code {"error":{"message","type","param","code"}}}. */
  public static byte[] error(String message, String type, @Nullable String param, @Nullable String code) {
    ObjectNode root = Json.object();
    ObjectNode e = root.putObject("error").put("message", message).put("type", type);
    if (param == null) e.putNull("param"); else e.put("param", param);
    if (code == null) e.putNull("code"); else e.put("code", code);
    return Json.bytes(root);
  }
}
