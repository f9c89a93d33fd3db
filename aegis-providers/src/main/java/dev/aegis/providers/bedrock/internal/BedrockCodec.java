package dev.aegis.providers.bedrock.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.api.chat.CacheHint;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderInvalidRequestException;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.Turns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Bedrock Converse wire format: request encoding, response decoding, usage and error
 * decoding. ConverseStream decoding lives in {@link BedrockStreamDecoder}.
 *
 * <p>Prompt caching: a {@link CacheHint} on a system text part, a text or image part, a tool
 * result (a hint on any part of the tool message) or a tool definition becomes a
 * {@code {"cachePoint":{"type":"default"[,"ttl":"5m"|"1h"]}}} block right after that block, in
 * {@code system}, the turn's {@code content} or {@code toolConfig.tools}. Order is never changed.
 *
 * <p>Thread-safe (stateless).
 */
public final class BedrockCodec {
  private BedrockCodec() {}

  /**
   * Encodes a Converse body. {@code topK} goes to {@code additionalModelRequestFields.top_k} (the
   * Anthropic spelling); request extras and the target's params are merged last, so
   * {@code additionalModelRequestFields}, {@code guardrailConfig}, {@code performanceConfig} and
   * others pass through.
   */
  public static ObjectNode encode(ChatRequest r, Map<String, ?> params) {
    ObjectNode body = Json.object();
    ArrayNode system = Json.NODES.arrayNode();
    for (Message m : r.messages()) {
      if (m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER) continue;
      if (!hinted(m.content())) {
        system.addObject().put("text", m.text());
        continue;
      }
      for (ContentPart p : m.content()) {
        if (p instanceof ContentPart.Text && !((ContentPart.Text) p).text().isEmpty()) {
          system.addObject().put("text", ((ContentPart.Text) p).text());
        }
        if (p.cacheHint() != null) system.add(cachePoint(p.cacheHint()));
      }
    }
    if (!system.isEmpty()) body.set("system", system);
    body.set("messages", encodeMessages(r.messages()));
    ObjectNode inference = Json.object();
    if (r.maxTokens() != null) inference.put("maxTokens", r.maxTokens());
    if (r.temperature() != null) inference.put("temperature", r.temperature());
    if (r.topP() != null) inference.put("topP", r.topP());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = inference.putArray("stopSequences");
      r.stop().forEach(stop::add);
    }
    if (!inference.isEmpty()) body.set("inferenceConfig", inference);
    if (!r.tools().isEmpty()) {
      ObjectNode toolConfig = body.putObject("toolConfig");
      ArrayNode tools = toolConfig.putArray("tools");
      for (int i = 0; i < r.tools().size(); i++) {
        Tool t = r.tools().get(i);
        ObjectNode spec = tools.addObject().putObject("toolSpec").put("name", t.name());
        if (t.description() != null) spec.put("description", t.description());
        spec.putObject("inputSchema").set("json", Json.requestJson("bedrock", t.parameters(), "tools[" + i + "].parameters"));
        if (t.cacheHint() != null) tools.add(cachePoint(t.cacheHint()));
      }
      ToolChoice c = r.toolChoice();
      if (c != null && c.mode() != ToolChoice.Mode.NONE) {
        ObjectNode choice = toolConfig.putObject("toolChoice");
        switch (c.mode()) {
          case REQUIRED: choice.putObject("any"); break;
          case FUNCTION: choice.putObject("tool").put("name", c.function()); break;
          default: choice.putObject("auto");
        }
      }
    }
    if (r.topK() != null) body.putObject("additionalModelRequestFields").put("top_k", r.topK());
    Json.merge(body, r.extras());
    Json.merge(body, params);
    return body;
  }

  /** A {@code cachePoint} block for a hint. */
  static ObjectNode cachePoint(CacheHint hint) {
    ObjectNode block = Json.object();
    ObjectNode point = block.putObject("cachePoint").put("type", "default");
    if (hint.ttl() != null) point.put("ttl", hint.ttl().wireName());
    return block;
  }

  private static boolean hinted(List<ContentPart> parts) {
    for (ContentPart p : parts) {
      if (p.cacheHint() != null) return true;
    }
    return false;
  }

  static ArrayNode encodeMessages(List<Message> messages) {
    Turns turns = new Turns("content");
    for (Message m : messages) {
      String role;
      ArrayNode content = Json.NODES.arrayNode();
      switch (m.role()) {
        case SYSTEM:
        case DEVELOPER:
          continue;
        case TOOL: {
          role = "user";
          ObjectNode result = content.addObject().putObject("toolResult").put("toolUseId", m.toolCallId());
          JsonNode json = Json.tryRead(m.text());
          ArrayNode rc = result.putArray("content");
          if (json != null && json.isObject()) {
            rc.addObject().set("json", json);
          } else {
            rc.addObject().put("text", m.text());
          }
          CacheHint last = null;
          for (ContentPart p : m.content()) {
            if (p.cacheHint() != null) last = p.cacheHint();
          }
          if (last != null) content.add(cachePoint(last));
          break;
        }
        case ASSISTANT:
          role = "assistant";
          for (Reasoning r : m.reasoning()) {
            ObjectNode rc = content.addObject().putObject("reasoningContent");
            if (r.redacted() != null) {
              rc.put("redactedContent", r.redacted());
            } else {
              ObjectNode rt = rc.putObject("reasoningText").put("text", r.text());
              if (r.signature() != null) rt.put("signature", r.signature());
            }
          }
          encodeParts(m.content(), content);
          for (int i = 0; i < m.toolCalls().size(); i++) {
            ToolCall tc = m.toolCalls().get(i);
            content.addObject().putObject("toolUse").put("toolUseId", tc.id()).put("name", tc.name())
                .set("input", Json.requestJson("bedrock", tc.arguments().isBlank() ? "{}" : tc.arguments(), "toolCalls[" + i + "].arguments"));
          }
          break;
        default:
          role = "user";
          encodeParts(m.content(), content);
      }
      turns.add(role, content);
    }
    return turns.array();
  }

  private static void encodeParts(List<ContentPart> parts, ArrayNode content) {
    for (ContentPart p : parts) {
      encodePart(p, content);
      if (p.cacheHint() != null) content.add(cachePoint(p.cacheHint()));
    }
  }

  private static void encodePart(ContentPart p, ArrayNode content) {
    if (p instanceof ContentPart.Text) {
      String text = ((ContentPart.Text) p).text();
      if (!text.isEmpty()) content.addObject().put("text", text);
      return;
    }
    ContentPart.Image img = (ContentPart.Image) p;
    ObjectNode image = content.addObject().putObject("image");
    if (img.isData()) {
      String type = img.mediaType() == null ? "png" : img.mediaType();
      image.put("format", type.substring(type.indexOf('/') + 1).toLowerCase(Locale.ROOT).replace("jpg", "jpeg"));
      image.putObject("source").put("bytes", img.base64Data());
    } else if (img.url().startsWith("s3://")) {
      String u = img.url().toLowerCase(Locale.ROOT);
      image.put("format", u.endsWith(".png") ? "png" : u.endsWith(".gif") ? "gif" : u.endsWith(".webp") ? "webp" : "jpeg");
      image.putObject("source").putObject("s3Location").put("uri", img.url());
    } else {
      throw new ProviderInvalidRequestException(ProviderError.of("bedrock", 0,
          "Bedrock Converse takes images as inline data or s3:// locations, not remote URLs"), null);
    }
  }

  // ---------------------------------------------------------------- responses

  /** Maps a Converse stop reason. */
  public static @Nullable FinishReason finishReason(@Nullable String stopReason) {
    if (stopReason == null) return null;
    switch (stopReason) {
      case "end_turn":
      case "stop_sequence": return FinishReason.STOP;
      case "tool_use": return FinishReason.TOOL_CALLS;
      case "max_tokens":
      case "model_context_window_exceeded": return FinishReason.LENGTH;
      case "guardrail_intervened":
      case "content_filtered": return FinishReason.CONTENT_FILTER;
      default: return FinishReason.OTHER;
    }
  }

  /**
   * Usage: {@code inputTokens} excludes cache reads and writes, which are added in; both
   * spellings seen in recordings ({@code cacheReadInputTokens} and {@code cacheReadInputTokenCount})
   * are read; {@code cacheDetails} ({@code [{ttl: 5m|1h, inputTokens}]}) gives the write split.
   */
  public static Usage usage(@Nullable JsonNode u) {
    if (u == null || !u.isObject()) return Usage.ZERO;
    int read = Math.max(Json.intValue(u, "cacheReadInputTokens", 0), Json.intValue(u, "cacheReadInputTokenCount", 0));
    int write = Math.max(Json.intValue(u, "cacheWriteInputTokens", 0), Json.intValue(u, "cacheWriteInputTokenCount", 0));
    int write5m = 0;
    int write1h = 0;
    for (JsonNode d : u.path("cacheDetails")) {
      String ttl = d.path("ttl").asText("");
      if (ttl.equals("5m")) write5m += Json.intValue(d, "inputTokens", 0);
      if (ttl.equals("1h")) write1h += Json.intValue(d, "inputTokens", 0);
    }
    return Usage.builder().inputTokens(Json.intValue(u, "inputTokens", 0) + read + write)
        .outputTokens(Json.intValue(u, "outputTokens", 0)).cacheReadTokens(read).cacheWriteTokens(write)
        .cacheWrite5mTokens(write5m).cacheWrite1hTokens(write1h).build();
  }

  /** Decodes a Converse response. */
  public static ChatResponse decode(JsonNode root, String id, String model, long created) {
    Message.Builder m = Message.builder(Role.ASSISTANT);
    StringBuilder text = new StringBuilder();
    boolean sawText = false;
    int calls = 0;
    for (JsonNode block : root.path("output").path("message").path("content")) {
      if (block.has("text")) {
        text.append(block.get("text").asText());
        sawText = true;
      } else if (block.has("toolUse")) {
        JsonNode t = block.get("toolUse");
        m.addToolCall(ToolCall.of(t.path("toolUseId").asText(), t.path("name").asText(),
            Json.text(t.has("input") ? t.get("input") : Json.object())));
        calls++;
      } else if (block.has("reasoningContent")) {
        JsonNode rc = block.get("reasoningContent");
        if (rc.has("redactedContent")) {
          m.addReasoning(new Reasoning("", null, rc.get("redactedContent").asText()));
        } else {
          JsonNode rt = rc.path("reasoningText");
          m.addReasoning(Reasoning.of(rt.path("text").asText(), Json.text(rt, "signature")));
        }
      }
    }
    if (sawText || calls == 0) m.addText(text.toString());
    ChatResponse.Builder b = ChatResponse.builder().id(id).model(model).created(created)
        .usage(usage(root.get("usage")))
        .addChoice(Choice.of(0, m.build(), finishReason(Json.text(root, "stopReason"))));
    for (String extra : new String[] {"stopReason", "metrics", "trace", "additionalModelResponseFields", "performanceConfig"}) {
      if (root.has(extra)) b.extra(extra, Json.plain(root.get(extra)));
    }
    return b.build();
  }

  // ---------------------------------------------------------------- errors

  /** The nominal HTTP status of a Bedrock exception type (for exception frames inside a 200 stream). */
  public static int statusOf(String exceptionType) {
    String t = exceptionType.toLowerCase(Locale.ROOT);
    if (t.startsWith("throttling")) return 429;
    if (t.startsWith("validation")) return 400;
    if (t.startsWith("accessdenied")) return 403;
    if (t.startsWith("resourcenotfound")) return 404;
    if (t.startsWith("modeltimeout")) return 408;
    if (t.startsWith("servicequotaexceeded")) return 429;
    if (t.startsWith("serviceunavailable")) return 503;
    if (t.startsWith("modelnotready")) return 429;
    if (t.startsWith("modelstreamerror") || t.startsWith("modelerror")) return 424;
    return 500;
  }

  /**
   * Bedrock's error answer: {@code {"message": ...}} with the type in the {@code x-amzn-ErrorType}
   * header ({@code ValidationException:http://...}).
   */
  public static final ErrorDecoder ERRORS = (provider, status, headers, body, retryAfter, requestId) -> {
    JsonNode root = Json.tryRead(new String(body, StandardCharsets.UTF_8));
    ProviderError e = ErrorDecoder.generic(provider, status, root, body, retryAfter, requestId);
    String type = headers.get("x-amzn-ErrorType");
    if (type == null && root != null) type = Json.text(root, "__type");
    if (type != null) {
      int colon = type.indexOf(':');
      type = colon > 0 ? type.substring(0, colon) : type;
      int hash = type.lastIndexOf('#');
      type = hash >= 0 ? type.substring(hash + 1) : type;
      e = new ProviderError(e.provider(), e.status(), type, e.code(), e.param(), e.message(), e.retryAfter(), e.requestId());
    }
    return e;
  };
}
