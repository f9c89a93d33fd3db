package dev.aegis.providers.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.providers.internal.Json;
import java.util.List;
import java.util.Map;

/**
 * The request half of {@link ChatCompletionsCodec}: a {@link ChatRequest} as a Chat Completions
 * request body, in the request's own order of messages, parts and tools (a stable prefix is what
 * provider prompt caching matches on). {@link ChatCompletionsResponseEncoder} reuses its message
 * encoding for the endpoint's answers.
 *
 * <p>Stateless; thread-safe.
 */
final class ChatCompletionsRequestEncoder {
  private static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

  private ChatCompletionsRequestEncoder() {}

  /** See {@link ChatCompletionsCodec#encode}; {@code quirks}: the dialect's field names and additions. */
  static ObjectNode encode(ChatRequest r, String model, Map<String, ?> params, boolean stream, Quirks quirks) {
    ObjectNode body = Json.object();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    for (Message m : r.messages()) {
      messages.add(encodeMessage(m));
    }
    if (r.temperature() != null) body.put("temperature", r.temperature());
    if (r.topP() != null) body.put("top_p", r.topP());
    if (r.maxTokens() != null) body.put(quirks.maxTokensField(), r.maxTokens());
    if (!r.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      r.stop().forEach(stop::add);
    }
    if (r.n() != null) body.put("n", r.n());
    if (r.seed() != null) body.put("seed", r.seed());
    if (r.presencePenalty() != null) body.put("presence_penalty", r.presencePenalty());
    if (r.frequencyPenalty() != null) body.put("frequency_penalty", r.frequencyPenalty());
    if (r.logprobs() != null) body.put("logprobs", r.logprobs());
    if (r.topLogprobs() != null) body.put("top_logprobs", r.topLogprobs());
    if (r.user() != null) body.put("user", r.user());
    if (!r.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (Tool t : r.tools()) {
        tools.add(encodeTool(t));
      }
    }
    if (r.toolChoice() != null) body.set("tool_choice", encodeToolChoice(r.toolChoice()));
    if (r.parallelToolCalls() != null) body.put("parallel_tool_calls", r.parallelToolCalls());
    if (r.responseFormat() != null) body.set("response_format", encodeResponseFormat(r.responseFormat()));
    if (r.reasoningEffort() != null) body.put("reasoning_effort", r.reasoningEffort());
    Json.merge(body, r.extras());
    Json.merge(body, params);
    if (stream) {
      body.put("stream", true);
      if (quirks.streamUsageOption()) {
        JsonNode existing = body.get("stream_options");
        ObjectNode options = existing instanceof ObjectNode ? (ObjectNode) existing : body.putObject("stream_options");
        options.put("include_usage", true);
      }
    }
    quirks.request(body, r);
    return body;
  }

  static ObjectNode encodeMessage(Message m) {
    ObjectNode o = Json.object();
    o.put("role", m.role().wireName());
    if (m.name() != null) o.put("name", m.name());
    List<ContentPart> parts = m.content();
    if (parts.isEmpty()) {
      if (m.toolCalls().isEmpty()) {
        o.put("content", "");
      } else {
        o.putNull("content");
      }
    } else if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text) {
      o.put("content", ((ContentPart.Text) parts.get(0)).text());
    } else {
      ArrayNode content = o.putArray("content");
      for (ContentPart p : parts) {
        ObjectNode part = content.addObject();
        if (p instanceof ContentPart.Text) {
          part.put("type", "text").put("text", ((ContentPart.Text) p).text());
        } else {
          ContentPart.Image img = (ContentPart.Image) p;
          ObjectNode url = part.put("type", "image_url").putObject("image_url").put("url", img.url());
          if (img.detail() != null) url.put("detail", img.detail());
        }
      }
    }
    if (m.refusal() != null && m.role() == Role.ASSISTANT) o.put("refusal", m.refusal());
    if (!m.toolCalls().isEmpty()) {
      ArrayNode calls = o.putArray("tool_calls");
      for (ToolCall c : m.toolCalls()) {
        ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
      }
    }
    if (m.toolCallId() != null) o.put("tool_call_id", m.toolCallId());
    return o;
  }

  static ObjectNode encodeTool(Tool t) {
    ObjectNode tool = Json.object().put("type", "function");
    ObjectNode fn = tool.putObject("function").put("name", t.name());
    if (t.description() != null) fn.put("description", t.description());
    fn.putRawValue("parameters", raw(t.parameters()));
    if (t.strict() != null) fn.put("strict", t.strict());
    return tool;
  }

  /** A JSON text written as-is (tool and response schemas are JSON already: no re-parsing). */
  static RawValue raw(String json) {
    return new RawValue(json.isBlank() ? EMPTY_SCHEMA : json.strip());
  }

  static JsonNode encodeToolChoice(ToolChoice c) {
    switch (c.mode()) {
      case AUTO: return Json.NODES.textNode("auto");
      case NONE: return Json.NODES.textNode("none");
      case REQUIRED: return Json.NODES.textNode("required");
      default: {
        ObjectNode o = Json.object().put("type", "function");
        o.putObject("function").put("name", c.function());
        return o;
      }
    }
  }

  static ObjectNode encodeResponseFormat(ResponseFormat f) {
    switch (f.type()) {
      case TEXT: return Json.object().put("type", "text");
      case JSON_OBJECT: return Json.object().put("type", "json_object");
      default: {
        ObjectNode o = Json.object().put("type", "json_schema");
        ObjectNode schema = o.putObject("json_schema").put("name", f.name());
        schema.putRawValue("schema", raw(f.schema() == null ? "" : f.schema()));
        if (f.strict() != null) schema.put("strict", f.strict());
        return o;
      }
    }
  }
}
