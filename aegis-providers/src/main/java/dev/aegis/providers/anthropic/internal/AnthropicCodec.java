package dev.aegis.providers.anthropic.internal;

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
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.providers.internal.ErrorDecoder;
import dev.aegis.providers.internal.Json;
import dev.aegis.providers.internal.Turns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Anthropic Messages API wire format: request encoding, response decoding, error decoding.
 * Stream decoding lives in {@link AnthropicStreamDecoder}.
 *
 * <p>Prompt caching: a {@link CacheHint} on a system text part, a text or image part, a tool
 * result (a hint on any part of the tool message) or a tool becomes
 * {@code cache_control: {type: ephemeral[, ttl]}} on that block; with {@code cacheSystemPrompt}
 * the last system block and the last tool get one too unless the caller marked them already.
 * Anthropic takes at most {@value #MAX_CACHE_BREAKPOINTS} breakpoints per request: more is refused
 * with an {@link InvalidRequestException} before anything is sent. Order is never changed.
 *
 * <p>Thread-safe (stateless).
 */
public final class AnthropicCodec {
  private AnthropicCodec() {}

  private static final Set<String> KNOWN_RESPONSE_FIELDS =
      Set.of("id", "type", "role", "model", "content", "stop_reason", "usage");

  /** Anthropic's limit of {@code cache_control} blocks per request. */
  public static final int MAX_CACHE_BREAKPOINTS = 4;

  /** Encoding settings of one provider instance. */
  public record Settings(int defaultMaxTokens, boolean cacheSystemPrompt) {}

  /** Thinking budgets for OpenAI-style reasoning efforts. */
  static int thinkingBudget(String effort) {
    switch (effort) {
      case "minimal":
      case "low": return 1024;
      case "high": return 16_384;
      default: return 4096;
    }
  }

  /** Encodes a chat request; {@code params} (the target's) are merged after the request's extras. */
  public static ObjectNode encode(ChatRequest r, String model, Map<String, ?> params, Settings s, boolean stream) {
    ObjectNode body = Json.object();
    body.put("model", model);
    int maxTokens = r.maxTokens() != null ? r.maxTokens() : s.defaultMaxTokens();
    Integer budget = null;
    if (r.reasoningEffort() != null && !r.reasoningEffort().equals("none")) {
      budget = thinkingBudget(r.reasoningEffort());
      if (r.maxTokens() == null && maxTokens <= budget) {
        maxTokens = budget + s.defaultMaxTokens();
      }
    }
    body.put("max_tokens", maxTokens);
    int breakpoints = encodeSystem(r.messages(), s.cacheSystemPrompt(), body);
    ArrayNode messages = encodeMessages(r.messages());
    body.set("messages", messages);
    if (!r.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      r.stop().forEach(stop::add);
    }
    if (r.temperature() != null) body.put("temperature", r.temperature());
    if (r.topP() != null) body.put("top_p", r.topP());
    if (r.topK() != null) body.put("top_k", r.topK());
    if (budget != null) {
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    }
    if (!r.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      boolean anyHint = false;
      for (int i = 0; i < r.tools().size(); i++) {
        Tool t = r.tools().get(i);
        ObjectNode tool = tools.addObject().put("name", t.name());
        if (t.description() != null) tool.put("description", t.description());
        tool.set("input_schema", Json.requestJson("anthropic", t.parameters(), "tools[" + i + "].parameters"));
        if (t.cacheHint() != null) {
          tool.set("cache_control", cacheControl(t.cacheHint()));
          anyHint = true;
          breakpoints++;
        }
      }
      if (s.cacheSystemPrompt() && !anyHint) {
        ((ObjectNode) tools.get(tools.size() - 1)).set("cache_control", cacheControl(CacheHint.DEFAULT));
        breakpoints++;
      }
    }
    breakpoints += countCacheControl(messages);
    if (breakpoints > MAX_CACHE_BREAKPOINTS) {
      throw new InvalidRequestException("Anthropic takes at most " + MAX_CACHE_BREAKPOINTS
          + " cache breakpoints per request, this request has " + breakpoints
          + " (cache hints on system, messages and tools, plus the provider's cacheSystemPrompt setting)", "cacheHint");
    }
    ObjectNode choice = encodeToolChoice(r.toolChoice(), r.parallelToolCalls());
    if (choice != null && !r.tools().isEmpty()) body.set("tool_choice", choice);
    if (r.user() != null) body.putObject("metadata").put("user_id", r.user());
    if (stream) body.put("stream", true);
    Json.merge(body, r.extras());
    Json.merge(body, params);
    return body;
  }

  /** {@code cache_control} for a hint: {@code {"type":"ephemeral"}}, with {@code "ttl":"5m"|"1h"} when set. */
  static ObjectNode cacheControl(CacheHint hint) {
    ObjectNode n = Json.object().put("type", "ephemeral");
    if (hint.ttl() != null) n.put("ttl", hint.ttl().wireName());
    return n;
  }

  /**
   * The system prompt: one string when nothing is cached, else one text block per system text
   * part, hinted blocks marked. Returns the number of breakpoints it placed.
   */
  private static int encodeSystem(List<Message> messages, boolean cache, ObjectNode body) {
    boolean hinted = false;
    for (Message m : messages) {
      if (m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER) continue;
      for (ContentPart p : m.content()) hinted |= p.cacheHint() != null;
    }
    if (!cache && !hinted) {
      List<String> parts = Turns.systemTexts(messages);
      if (!parts.isEmpty()) body.put("system", String.join("\n\n", parts));
      return 0;
    }
    ArrayNode system = Json.NODES.arrayNode();
    int breakpoints = 0;
    for (Message m : messages) {
      if (m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER) continue;
      for (ContentPart p : m.content()) {
        if (!(p instanceof ContentPart.Text) || ((ContentPart.Text) p).text().isEmpty()) continue;
        ObjectNode block = system.addObject().put("type", "text").put("text", ((ContentPart.Text) p).text());
        if (p.cacheHint() != null) {
          block.set("cache_control", cacheControl(p.cacheHint()));
          breakpoints++;
        }
      }
    }
    if (system.isEmpty()) return 0;
    if (!hinted) {
      ((ObjectNode) system.get(system.size() - 1)).set("cache_control", cacheControl(CacheHint.DEFAULT));
      breakpoints++;
    }
    body.set("system", system);
    return breakpoints;
  }

  private static int countCacheControl(ArrayNode turns) {
    int n = 0;
    for (JsonNode turn : turns) {
      for (JsonNode block : turn.path("content")) {
        if (block.has("cache_control")) n++;
      }
    }
    return n;
  }

  private static @Nullable ObjectNode encodeToolChoice(@Nullable ToolChoice c, @Nullable Boolean parallel) {
    if (c == null && parallel == null) return null;
    ObjectNode n = Json.object();
    ToolChoice.Mode mode = c == null ? ToolChoice.Mode.AUTO : c.mode();
    switch (mode) {
      case NONE: n.put("type", "none"); break;
      case REQUIRED: n.put("type", "any"); break;
      case FUNCTION: n.put("type", "tool").put("name", c.function()); break;
      default: n.put("type", "auto");
    }
    if (Boolean.FALSE.equals(parallel) && mode != ToolChoice.Mode.NONE) n.put("disable_parallel_tool_use", true);
    return n;
  }

  /** Maps the conversation to Anthropic turns: tool results become user turns, same-role turns merge. */
  static ArrayNode encodeMessages(List<Message> messages) {
    Turns turns = new Turns("content");
    for (Message m : messages) {
      String role;
      ArrayNode content = Json.NODES.arrayNode();
      switch (m.role()) {
        case SYSTEM:
        case DEVELOPER:
          continue;
        case TOOL:
          role = "user";
          ObjectNode result = content.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId());
          if (m.hasImages()) {
            result.set("content", encodeParts(m.content(), false));
          } else {
            result.put("content", m.text());
          }
          CacheHint hint = lastHint(m.content());
          if (hint != null) result.set("cache_control", cacheControl(hint));
          break;
        case ASSISTANT:
          role = "assistant";
          for (Reasoning r : m.reasoning()) {
            if (r.redacted() != null) {
              content.addObject().put("type", "redacted_thinking").put("data", r.redacted());
            } else {
              ObjectNode t = content.addObject().put("type", "thinking").put("thinking", r.text());
              if (r.signature() != null) t.put("signature", r.signature());
            }
          }
          content.addAll(encodeParts(m.content(), true));
          for (int i = 0; i < m.toolCalls().size(); i++) {
            ToolCall tc = m.toolCalls().get(i);
            content.addObject().put("type", "tool_use").put("id", tc.id()).put("name", tc.name())
                .set("input", Json.requestJson("anthropic", tc.arguments().isBlank() ? "{}" : tc.arguments(),
                    "toolCalls[" + i + "].arguments"));
          }
          break;
        default:
          role = "user";
          content.addAll(encodeParts(m.content(), true));
      }
      turns.add(role, content);
    }
    return turns.array();
  }

  private static @Nullable CacheHint lastHint(List<ContentPart> parts) {
    CacheHint hint = null;
    for (ContentPart p : parts) {
      if (p.cacheHint() != null) hint = p.cacheHint();
    }
    return hint;
  }

  /** Text and image blocks; with {@code hints}, a hinted part's block carries its {@code cache_control}. */
  private static ArrayNode encodeParts(List<ContentPart> parts, boolean hints) {
    ArrayNode out = Json.NODES.arrayNode();
    for (ContentPart p : parts) {
      ObjectNode block;
      if (p instanceof ContentPart.Text) {
        String text = ((ContentPart.Text) p).text();
        if (text.isEmpty()) continue;
        block = out.addObject().put("type", "text").put("text", text);
      } else {
        ContentPart.Image img = (ContentPart.Image) p;
        block = out.addObject().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (img.isData()) {
          source.put("type", "base64").put("media_type", img.mediaType()).put("data", img.base64Data());
        } else {
          source.put("type", "url").put("url", img.url());
        }
      }
      if (hints && p.cacheHint() != null) block.set("cache_control", cacheControl(p.cacheHint()));
    }
    return out;
  }

  // ---------------------------------------------------------------- responses

  /** Maps Anthropic's stop reason; {@code null} stays null. */
  public static @Nullable FinishReason finishReason(@Nullable String stopReason) {
    if (stopReason == null) return null;
    switch (stopReason) {
      case "end_turn":
      case "stop_sequence":
      case "pause_turn": return FinishReason.STOP;
      case "max_tokens":
      case "model_context_window_exceeded": return FinishReason.LENGTH;
      case "tool_use": return FinishReason.TOOL_CALLS;
      case "refusal": return FinishReason.CONTENT_FILTER;
      default: return FinishReason.OTHER;
    }
  }

  /**
   * Usage with cache reads and writes added into the input tokens (Anthropic reports them apart):
   * {@code cache_read_input_tokens}, {@code cache_creation_input_tokens} and its
   * {@code cache_creation.ephemeral_5m/1h_input_tokens} split; thinking tokens from
   * {@code output_tokens_details.thinking_tokens} (already part of {@code output_tokens}).
   * Fields missing from {@code u} fall back to {@code previous} (stream deltas are partial and
   * cumulative).
   */
  public static Usage usage(@Nullable JsonNode u, @Nullable Usage previous) {
    Usage p = previous == null ? Usage.ZERO : previous;
    if (u == null || !u.isObject()) return p;
    int cacheWrite = Json.intValue(u, "cache_creation_input_tokens", p.cacheWriteTokens());
    int cacheRead = Json.intValue(u, "cache_read_input_tokens", p.cacheReadTokens());
    int uncached = u.has("input_tokens") ? Json.intValue(u, "input_tokens", 0)
        : p.inputTokens() - p.cacheReadTokens() - p.cacheWriteTokens();
    int output = Json.intValue(u, "output_tokens", p.outputTokens());
    JsonNode split = u.get("cache_creation");
    int write5m = Json.intValue(split, "ephemeral_5m_input_tokens", p.cacheWrite5mTokens());
    int write1h = Json.intValue(split, "ephemeral_1h_input_tokens", p.cacheWrite1hTokens());
    int thinking = Json.intValue(u.get("output_tokens_details"), "thinking_tokens", p.reasoningTokens());
    return Usage.builder().inputTokens(uncached + cacheWrite + cacheRead).outputTokens(output)
        .cacheReadTokens(cacheRead).cacheWriteTokens(cacheWrite).cacheWrite5mTokens(write5m)
        .cacheWrite1hTokens(write1h).reasoningTokens(Math.min(thinking, output)).build();
  }

  /** Decodes a whole Messages API response. */
  public static ChatResponse decode(JsonNode root, long created) {
    Message.Builder m = Message.builder(Role.ASSISTANT);
    StringBuilder text = new StringBuilder();
    boolean sawText = false;
    List<JsonNode> other = new ArrayList<>(0);
    for (JsonNode block : root.path("content")) {
      String type = block.path("type").asText();
      switch (type) {
        case "text":
          text.append(block.path("text").asText());
          sawText = true;
          break;
        case "tool_use":
          m.addToolCall(ToolCall.of(block.path("id").asText(), block.path("name").asText(),
              Json.text(block.has("input") ? block.get("input") : Json.object())));
          break;
        case "thinking":
          m.addReasoning(Reasoning.of(block.path("thinking").asText(), Json.text(block, "signature")));
          break;
        case "redacted_thinking":
          m.addReasoning(new Reasoning("", null, Json.text(block, "data")));
          break;
        default:
          other.add(block);
      }
    }
    String stop = Json.text(root, "stop_reason");
    String refusal = "refusal".equals(stop) ? refusalExplanation(root.get("stop_details")) : null;
    m.refusal(refusal);
    // the same rule as a streamed answer: an empty text part only when nothing else was said
    if (sawText || (m.build().toolCalls().isEmpty() && refusal == null)) m.addText(text.toString());
    ChatResponse.Builder r = ChatResponse.builder()
        .id(root.path("id").asText())
        .model(root.path("model").asText())
        .created(created)
        .usage(usage(root.get("usage"), null))
        .addChoice(Choice.of(0, m.build(), finishReason(stop)));
    Map<String, @Nullable Object> extras = Json.unknownFields(root, KNOWN_RESPONSE_FIELDS);
    extras.values().removeIf(java.util.Objects::isNull);
    if (!other.isEmpty()) extras.put("content_blocks", Json.plain(Json.NODES.arrayNode().addAll(other)));
    return r.extras(extras).build();
  }

  static @Nullable String refusalExplanation(@Nullable JsonNode stopDetails) {
    return stopDetails == null || !stopDetails.isObject() ? null : Json.text(stopDetails, "explanation");
  }

  // ---------------------------------------------------------------- errors

  /** Anthropic's error envelope: {@code {"type":"error","error":{"type","message"},"request_id"}}. */
  public static final ErrorDecoder ERRORS = (provider, status, headers, body, retryAfter, requestId) -> {
    JsonNode root = Json.tryRead(new String(body, StandardCharsets.UTF_8));
    String id = requestId != null ? requestId : root == null ? null : Json.text(root, "request_id");
    return ErrorDecoder.generic(provider, status, root, body, retryAfter, id);
  };

  /** The nominal HTTP status of an Anthropic error type, for errors that arrive inside a 200 stream. */
  public static int statusOf(@Nullable String errorType) {
    if (errorType == null) return 500;
    switch (errorType) {
      case "invalid_request_error": return 400;
      case "authentication_error": return 401;
      case "billing_error": return 402;
      case "permission_error": return 403;
      case "not_found_error": return 404;
      case "request_too_large": return 413;
      case "rate_limit_error": return 429;
      case "timeout_error": return 504;
      case "overloaded_error": return 529;
      default: return 500;
    }
  }
}
