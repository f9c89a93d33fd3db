package dev.aegis.providers.gemini.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.Embedding;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.providers.internal.EmbeddingOptions;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.Turns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Gemini (Generative Language API) wire format: {@code generateContent} requests and
 * responses, embeddings, errors. Stream decoding lives in {@link GeminiStreamDecoder}.
 *
 * <p>Thought signatures: Gemini attaches an opaque {@code thoughtSignature} to a part and rejects a
 * follow-up turn that drops it. On a function call part it becomes {@link ToolCall#signature()}
 * (streamed: {@link dev.aegis.api.chat.ToolCallDelta#signature()}) and is sent back on that
 * call's part. On a thought part it is the reasoning block's signature; on a text part, a
 * reasoning block with empty text and that signature, which is sent back on the first function
 * call without its own signature, or else on the last part of the turn.
 *
 * <p>Caching is implicit on Gemini: {@link dev.aegis.api.chat.CacheHint}s are dropped; an explicit
 * {@code cachedContent} name passes through from the request's extras or the target's params.
 *
 * <p>Thread-safe (stateless).
 */
public final class GeminiCodec {
  private GeminiCodec() {}

  /** Encodes a {@code generateContent} body; request extras then the target's params are merged last. */
  public static ObjectNode encode(ChatRequest r, Map<String, ?> params) {
    ObjectNode body = Json.object();
    List<String> system = Turns.systemTexts(r.messages());
    if (!system.isEmpty()) {
      ArrayNode parts = body.putObject("systemInstruction").putArray("parts");
      system.forEach(text -> parts.addObject().put("text", text));
    }
    body.set("contents", encodeContents(r.messages()));
    if (!r.tools().isEmpty()) {
      ArrayNode decls = body.putArray("tools").addObject().putArray("functionDeclarations");
      for (int i = 0; i < r.tools().size(); i++) {
        Tool t = r.tools().get(i);
        ObjectNode d = decls.addObject().put("name", t.name());
        if (t.description() != null) d.put("description", t.description());
        d.set("parameters", Json.requestJson("gemini", t.parameters(), "tools[" + i + "].parameters"));
      }
      ToolChoice c = r.toolChoice();
      if (c != null) {
        ObjectNode fc = body.putObject("toolConfig").putObject("functionCallingConfig");
        switch (c.mode()) {
          case NONE: fc.put("mode", "NONE"); break;
          case REQUIRED: fc.put("mode", "ANY"); break;
          case FUNCTION: fc.put("mode", "ANY").putArray("allowedFunctionNames").add(c.function()); break;
          default: fc.put("mode", "AUTO");
        }
      }
    }
    ObjectNode gen = Json.object();
    if (r.temperature() != null) gen.put("temperature", r.temperature());
    if (r.topP() != null) gen.put("topP", r.topP());
    if (r.topK() != null) gen.put("topK", r.topK());
    if (r.maxTokens() != null) gen.put("maxOutputTokens", r.maxTokens());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = gen.putArray("stopSequences");
      r.stop().forEach(stop::add);
    }
    if (r.seed() != null) gen.put("seed", r.seed());
    if (r.n() != null) gen.put("candidateCount", r.n());
    if (r.presencePenalty() != null) gen.put("presencePenalty", r.presencePenalty());
    if (r.frequencyPenalty() != null) gen.put("frequencyPenalty", r.frequencyPenalty());
    ResponseFormat f = r.responseFormat();
    if (f != null && f.type() != ResponseFormat.Type.TEXT) {
      gen.put("responseMimeType", "application/json");
      if (f.type() == ResponseFormat.Type.JSON_SCHEMA) gen.set("responseSchema", Json.requestJson("gemini", f.schema(), "responseFormat.schema"));
    }
    if (r.reasoningEffort() != null) {
      ObjectNode thinking = gen.putObject("thinkingConfig").put("includeThoughts", true);
      switch (r.reasoningEffort()) {
        case "none": thinking.put("thinkingBudget", 0).put("includeThoughts", false); break;
        case "minimal":
        case "low": thinking.put("thinkingBudget", 1024); break;
        case "high": thinking.put("thinkingBudget", 24_576); break;
        default: thinking.put("thinkingBudget", 8192);
      }
    }
    if (!gen.isEmpty()) body.set("generationConfig", gen);
    Json.merge(body, r.extras());
    Json.merge(body, params);
    return body;
  }

  static ArrayNode encodeContents(List<Message> messages) {
    Turns turns = new Turns("parts");
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String role;
      ArrayNode parts = Json.NODES.arrayNode();
      switch (m.role()) {
        case SYSTEM:
        case DEVELOPER:
          continue;
        case TOOL: {
          role = "user";
          ObjectNode fr = parts.addObject().putObject("functionResponse");
          fr.put("name", functionName(messages, i, m.toolCallId()));
          JsonNode result = Json.tryRead(m.text());
          if (result != null && result.isObject()) {
            fr.set("response", result);
          } else {
            fr.putObject("response").put("result", m.text());
          }
          break;
        }
        case ASSISTANT: {
          role = "model";
          String signature = null;
          for (Reasoning r : m.reasoning()) {
            if (!r.text().isEmpty()) {
              ObjectNode t = parts.addObject().put("text", r.text()).put("thought", true);
              if (r.signature() != null) t.put("thoughtSignature", r.signature());
            } else if (signature == null && r.signature() != null) {
              signature = r.signature();
            }
          }
          encodeParts(m.content(), parts);
          for (int t = 0; t < m.toolCalls().size(); t++) {
            ToolCall tc = m.toolCalls().get(t);
            ObjectNode part = parts.addObject();
            part.putObject("functionCall").put("name", tc.name())
                .set("args", Json.requestJson("gemini", tc.arguments().isBlank() ? "{}" : tc.arguments(), "toolCalls[" + t + "].arguments"));
            if (tc.signature() != null) {
              part.put("thoughtSignature", tc.signature());
            } else if (signature != null) {
              part.put("thoughtSignature", signature);
              signature = null;
            }
          }
          if (signature != null && !parts.isEmpty()) ((ObjectNode) parts.get(parts.size() - 1)).put("thoughtSignature", signature);
          break;
        }
        default:
          role = "user";
          encodeParts(m.content(), parts);
      }
      turns.add(role, parts);
    }
    return turns.array();
  }

  /** The function name a tool result answers, from the assistant message that made the call. */
  private static String functionName(List<Message> messages, int before, @Nullable String id) {
    for (int i = before - 1; i >= 0; i--) {
      for (ToolCall tc : messages.get(i).toolCalls()) {
        if (tc.id().equals(id)) return tc.name();
      }
    }
    throw new ProviderInvalidRequestException(ProviderError.of("gemini", 0,
        "the tool result for call '" + id + "' answers no earlier tool call (Gemini needs the function name)"), null);
  }

  private static void encodeParts(List<ContentPart> content, ArrayNode parts) {
    for (ContentPart p : content) {
      if (p instanceof ContentPart.Text) {
        String text = ((ContentPart.Text) p).text();
        if (!text.isEmpty()) parts.addObject().put("text", text);
      } else {
        ContentPart.Image img = (ContentPart.Image) p;
        if (img.isData()) {
          parts.addObject().putObject("inlineData").put("mimeType", img.mediaType()).put("data", img.base64Data());
        } else {
          parts.addObject().putObject("fileData").put("mimeType", guessMime(img.url())).put("fileUri", img.url());
        }
      }
    }
  }

  private static String guessMime(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    int q = u.indexOf('?');
    if (q > 0) u = u.substring(0, q);
    if (u.endsWith(".png")) return "image/png";
    if (u.endsWith(".webp")) return "image/webp";
    if (u.endsWith(".gif")) return "image/gif";
    if (u.endsWith(".heic")) return "image/heic";
    return "image/jpeg";
  }

  // ---------------------------------------------------------------- responses

  /** Maps Gemini's finish reason; {@code toolCalls} turns STOP into TOOL_CALLS. */
  public static @Nullable FinishReason finishReason(@Nullable String reason, boolean toolCalls) {
    if (reason == null || reason.isEmpty()) return null;
    switch (reason) {
      case "STOP": return toolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS": return FinishReason.LENGTH;
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
      case "IMAGE_SAFETY":
      case "MODEL_ARMOR": return FinishReason.CONTENT_FILTER;
      default: return FinishReason.OTHER;
    }
  }

  /** Usage: prompt tokens (cached included), candidates plus thoughts as output. */
  public static @Nullable Usage usage(@Nullable JsonNode u) {
    if (u == null || !u.has("promptTokenCount")) return null;
    int thoughts = Json.intValue(u, "thoughtsTokenCount", 0);
    int input = Json.intValue(u, "promptTokenCount", 0) + Json.intValue(u, "toolUsePromptTokenCount", 0);
    return Usage.builder().inputTokens(input).outputTokens(Json.intValue(u, "candidatesTokenCount", 0) + thoughts)
        .cacheReadTokens(Math.min(Json.intValue(u, "cachedContentTokenCount", 0), input))
        .reasoningTokens(thoughts).build();
  }

  /** Throws the typed content-filter failure of a prompt blocked before any candidate. */
  public static void checkPromptBlocked(JsonNode root, String provider) {
    JsonNode candidates = root.get("candidates");
    JsonNode feedback = root.get("promptFeedback");
    if ((candidates == null || candidates.isEmpty()) && feedback != null && feedback.has("blockReason")) {
      String reason = feedback.get("blockReason").asText();
      String message = Json.text(feedback, "blockReasonMessage");
      throw ProviderException.of(new ProviderError(provider, 200, "content_filter", reason, "prompt",
          "prompt blocked: " + reason + (message == null ? "" : " (" + message + ")"), null, Json.text(root, "responseId")));
    }
  }

  /** The id of a function call: the API's own, else one synthesized from its position. */
  public static String callId(JsonNode functionCall, int index) {
    String id = Json.text(functionCall, "id");
    return id != null && !id.isEmpty() ? id : "call_" + index;
  }

  /** Decodes a whole {@code generateContent} response. */
  public static ChatResponse decode(JsonNode root, String provider, String fallbackModel, long created) {
    checkPromptBlocked(root, provider);
    ChatResponse.Builder b = ChatResponse.builder()
        .id(root.path("responseId").asText(""))
        .model(root.path("modelVersion").asText(fallbackModel))
        .created(created);
    Usage usage = usage(root.get("usageMetadata"));
    b.usage(usage == null ? Usage.ZERO : usage);
    JsonNode candidates = root.path("candidates");
    TreeMap<Integer, Choice> choices = new TreeMap<>();
    for (JsonNode c : candidates) {
      Message.Builder m = Message.builder(Role.ASSISTANT);
      StringBuilder text = new StringBuilder();
      int calls = 0;
      for (JsonNode part : c.path("content").path("parts")) {
        String signature = Json.text(part, "thoughtSignature");
        if (part.path("thought").asBoolean(false)) {
          m.addReasoning(Reasoning.of(part.path("text").asText(), signature));
          continue;
        }
        JsonNode fc = part.get("functionCall");
        if (fc != null && fc.has("name")) {
          m.addToolCall(new ToolCall(callId(fc, calls++), fc.get("name").asText(),
              Json.text(fc.has("args") ? fc.get("args") : Json.object()), signature));
          continue;
        }
        if (signature != null) m.addReasoning(Reasoning.of("", signature));
        if (part.has("text")) text.append(part.get("text").asText());
      }
      if (calls == 0 || text.length() > 0) m.addText(text.toString());
      int index = c.path("index").asInt(choices.size());
      choices.put(index, Choice.of(index, m.build(), finishReason(Json.text(c, "finishReason"), calls > 0)));
    }
    if (choices.isEmpty()) {
      choices.put(0, Choice.of(0, Message.builder(Role.ASSISTANT).addText("").build(), FinishReason.OTHER));
    }
    choices.values().forEach(b::addChoice);
    JsonNode feedback = root.get("promptFeedback");
    if (feedback != null) b.extra("promptFeedback", Json.plain(feedback));
    JsonNode first = candidates.path(0);
    if (first.has("safetyRatings")) b.extra("safetyRatings", Json.plain(first.get("safetyRatings")));
    if (first.has("finishMessage")) b.extra("finishMessage", first.get("finishMessage").asText());
    if (first.has("finishReason")) b.extra("finishReasonRaw", first.get("finishReason").asText());
    return b.build();
  }

  // ---------------------------------------------------------------- embeddings

  /**
   * A batchEmbedContents body: {@code dimensions} becomes {@code outputDimensionality}; a BASE64
   * encoding format is refused (Gemini answers with float arrays only).
   */
  public static ObjectNode encodeEmbeddings(String model, EmbeddingRequest request, Map<String, ?> params) {
    EmbeddingOptions.requireFloatEncoding("gemini", request);
    ObjectNode body = Json.object();
    ArrayNode requests = body.putArray("requests");
    for (String input : request.inputs()) {
      ObjectNode r = requests.addObject().put("model", "models/" + model);
      r.putObject("content").putArray("parts").addObject().put("text", input);
      if (request.dimensions() != null) r.put("outputDimensionality", request.dimensions());
      Json.merge(r, request.extras());
      Json.merge(r, params);
    }
    return body;
  }

  /** An embedContent body for the request's one input (see {@link #encodeEmbeddings}). */
  public static ObjectNode encodeEmbedding(EmbeddingRequest request, Map<String, ?> params) {
    EmbeddingOptions.requireFloatEncoding("gemini", request);
    ObjectNode body = Json.object();
    body.putObject("content").putArray("parts").addObject().put("text", request.inputs().get(0));
    if (request.dimensions() != null) body.put("outputDimensionality", request.dimensions());
    Json.merge(body, request.extras());
    Json.merge(body, params);
    return body;
  }

  /** Decodes {@code {"embedding":{"values"}}} or {@code {"embeddings":[{"values"}]}}. */
  public static List<Embedding> decodeEmbeddings(JsonNode root) {
    List<Embedding> out = new ArrayList<>();
    if (root.has("embedding")) {
      out.add(Embedding.of(0, floats(root.get("embedding").path("values"))));
    } else {
      int i = 0;
      for (JsonNode e : root.path("embeddings")) out.add(Embedding.of(i++, floats(e.path("values"))));
    }
    return out;
  }

  private static float[] floats(JsonNode values) {
    float[] v = new float[values.size()];
    for (int i = 0; i < v.length; i++) v[i] = (float) values.get(i).asDouble();
    return v;
  }

  // ---------------------------------------------------------------- errors

  /**
   * Google's {@code google.rpc.Status} envelope: {@code {"error":{code,message,status,details}}};
   * the status name becomes the error type, a {@code RetryInfo.retryDelay} the retry-after when no
   * header gave one.
   */
  public static final ErrorDecoder ERRORS = (provider, status, headers, body, retryAfter, requestId) -> {
    JsonNode root = Json.tryRead(new String(body, StandardCharsets.UTF_8));
    Duration wait = retryAfter;
    if (wait == null && root != null) wait = retryDelay(root.path("error").path("details"));
    return ErrorDecoder.generic(provider, status, root, body, wait, requestId);
  };

  static @Nullable Duration retryDelay(JsonNode details) {
    for (JsonNode d : details) {
      if (d.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
        String delay = d.path("retryDelay").asText("");
        if (delay.endsWith("s")) {
          try {
            return Duration.ofMillis(Math.round(Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
          } catch (NumberFormatException ignored) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
