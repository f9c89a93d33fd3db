package dev.aegis.providers.openai.internal;

import static dev.aegis.providers.openai.internal.RequestFields.bool;
import static dev.aegis.providers.openai.internal.RequestFields.integer;
import static dev.aegis.providers.openai.internal.RequestFields.invalid;
import static dev.aegis.providers.openai.internal.RequestFields.longInteger;
import static dev.aegis.providers.openai.internal.RequestFields.number;
import static dev.aegis.providers.openai.internal.RequestFields.parseObject;
import static dev.aegis.providers.openai.internal.RequestFields.requiredString;
import static dev.aegis.providers.openai.internal.RequestFields.string;
import static dev.aegis.providers.openai.internal.RequestFields.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Reasoning;
import dev.aegis.api.chat.ResponseFormat;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.ToolChoice;
import dev.aegis.api.embedding.EmbeddingRequest;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.providers.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The inbound direction of {@link ChatCompletionsCodec}: decodes a Chat Completions (or
 * embeddings) request body that a client sent to the gateway's endpoint into a {@link ChatRequest}
 * (or {@link EmbeddingRequest}). It reads the same wire fields that the codec writes, including
 * the compatible extensions for reasoning ({@code reasoning_content}, and {@code thinking_blocks}
 * with their signatures); fields it does not model are kept as the request's extras, so the
 * outbound codec passes them through unchanged.
 *
 * <p>Every problem is an {@link InvalidRequestException} in the gateway's words that names the
 * field ({@code messages[2].role}); malformed JSON is reported with its line and column.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChatCompletionsRequestDecoder {
  /** Request fields modelled by {@link ChatRequest}; the rest become extras. */
  static final Set<String> KNOWN_REQUEST_FIELDS = Set.of("model", "messages", "temperature", "top_p", "top_k",
      "max_tokens", "max_completion_tokens", "stop", "n", "seed", "presence_penalty", "frequency_penalty",
      "logprobs", "top_logprobs", "user", "tools", "tool_choice", "parallel_tool_calls", "response_format",
      "reasoning_effort", "stream", "stream_options");
  static final Set<String> KNOWN_EMBEDDING_FIELDS = Set.of("model", "input", "dimensions", "user", "encoding_format");

  private ChatCompletionsRequestDecoder() {}

  /**
   * A decoded chat request with the stream controls that are not part of {@link ChatRequest}.
   *
   * @param request the request
   * @param stream whether the client asked for a stream
   * @param includeUsage whether the client asked for the final usage chunk ({@code stream_options.include_usage})
   */
  public record InboundChat(ChatRequest request, boolean stream, boolean includeUsage) {}

  /**
   * A decoded embeddings request.
   *
   * @param request the request
   * @param base64 whether the client asked for base64 vectors ({@code encoding_format: base64})
   */
  public record InboundEmbeddings(EmbeddingRequest request, boolean base64) {}

  /** Decodes a chat request body. */
  public static InboundChat decodeChat(byte[] body) {
    JsonNode root = parseObject(body);
    return whole(() -> chat(root));
  }

  /** Decodes an embeddings request body. */
  public static InboundEmbeddings decodeEmbeddings(byte[] body) {
    JsonNode root = parseObject(body);
    return whole(() -> embeddings(root));
  }

  /** What a value type refuses outside any one part (a blank model) is the request's fault too. */
  private static <T> T whole(java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("the request is invalid: " + e.getMessage(), null, e);
    }
  }

  private static InboundChat chat(JsonNode root) {
    ChatRequest.Builder b = ChatRequest.builder().model(requiredString(root, "model"));
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) throw invalid("'messages' is required", "messages");
    if (!messages.isArray()) throw wrongType("messages", "an array", messages);
    if (messages.isEmpty()) throw invalid("'messages' must not be empty", "messages");
    int i = 0;
    for (JsonNode m : messages) {
      String path = "messages[" + i++ + "]";
      b.addMessage(checked(path, () -> message(m, path)));
    }
    b.temperature(number(root, "temperature"));
    b.topP(number(root, "top_p"));
    b.topK(integer(root, "top_k"));
    Integer maxTokens = integer(root, "max_completion_tokens");
    b.maxTokens(maxTokens != null ? maxTokens : integer(root, "max_tokens"));
    b.stop(stop(root.get("stop")));
    b.n(integer(root, "n"));
    b.seed(longInteger(root, "seed"));
    b.presencePenalty(number(root, "presence_penalty"));
    b.frequencyPenalty(number(root, "frequency_penalty"));
    b.logprobs(bool(root, "logprobs"));
    b.topLogprobs(integer(root, "top_logprobs"));
    b.user(string(root, "user"));
    JsonNode tools = root.get("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) throw wrongType("tools", "an array", tools);
      int t = 0;
      for (JsonNode tool : tools) {
        String path = "tools[" + t++ + "]";
        b.addTool(checked(path, () -> tool(tool, path)));
      }
    }
    b.toolChoice(checked("tool_choice", () -> toolChoice(root.get("tool_choice"))));
    b.parallelToolCalls(bool(root, "parallel_tool_calls"));
    b.responseFormat(checked("response_format", () -> responseFormat(root.get("response_format"))));
    b.reasoningEffort(string(root, "reasoning_effort"));
    b.extras(Json.unknownFields(root, KNOWN_REQUEST_FIELDS));
    Boolean stream = bool(root, "stream");
    JsonNode options = root.get("stream_options");
    Boolean includeUsage = null;
    if (options != null && !options.isNull()) {
      if (!options.isObject()) throw wrongType("stream_options", "an object", options);
      includeUsage = bool(options, "include_usage", "stream_options.include_usage");
    }
    return new InboundChat(b.build(), Boolean.TRUE.equals(stream), Boolean.TRUE.equals(includeUsage));
  }

  private static InboundEmbeddings embeddings(JsonNode root) {
    EmbeddingRequest.Builder b = EmbeddingRequest.builder().model(requiredString(root, "model"));
    JsonNode input = root.get("input");
    if (input == null || input.isNull()) throw invalid("'input' is required", "input");
    if (input.isTextual()) {
      b.addInput(input.asText());
    } else if (input.isArray() && !input.isEmpty()) {
      int i = 0;
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw invalid("'input[" + i + "]' must be a string; token arrays are not supported", "input");
        }
        b.addInput(item.asText());
        i++;
      }
    } else {
      throw invalid("'input' must be a string or a non-empty array of strings", "input");
    }
    b.dimensions(integer(root, "dimensions"));
    b.user(string(root, "user"));
    Json.unknownFields(root, KNOWN_EMBEDDING_FIELDS).forEach(b::extra);
    String format = string(root, "encoding_format");
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw invalid("'encoding_format' must be 'float' or 'base64' but was '" + format + "'", "encoding_format");
    }
    return new InboundEmbeddings(b.build(), "base64".equals(format));
  }

  // ------------------------------------------------------------------ messages

  private static Message message(JsonNode m, String path) {
    if (!m.isObject()) throw wrongType(path, "an object", m);
    String roleName = requiredString(m, "role", path + ".role");
    Role role;
    try {
      role = Role.fromWire(roleName);
    } catch (IllegalArgumentException e) {
      throw invalid("'" + path + ".role' must be one of system, developer, user, assistant, tool but was '"
          + roleName + "'", path + ".role");
    }
    Message.Builder b = Message.builder(role);
    JsonNode content = m.get("content");
    if (content != null && !content.isNull()) {
      if (content.isTextual()) {
        if (!content.asText().isEmpty() || role != Role.ASSISTANT) b.addText(content.asText());
      } else if (content.isArray()) {
        int i = 0;
        for (JsonNode part : content) {
          ContentPart p = part(part, path + ".content[" + i++ + "]");
          if (p != null) b.addPart(p);
        }
      } else {
        throw wrongType(path + ".content", "a string or an array of parts", content);
      }
    }
    b.name(string(m, "name", path + ".name"));
    b.refusal(string(m, "refusal", path + ".refusal"));
    b.toolCallId(string(m, "tool_call_id", path + ".tool_call_id"));
    if (role == Role.TOOL && m.get("tool_call_id") == null) {
      throw invalid("'" + path + ".tool_call_id' is required for a tool message", path + ".tool_call_id");
    }
    JsonNode calls = m.get("tool_calls");
    if (calls != null && !calls.isNull()) {
      if (!calls.isArray()) throw wrongType(path + ".tool_calls", "an array", calls);
      int i = 0;
      for (JsonNode c : calls) {
        b.addToolCall(toolCall(c, path + ".tool_calls[" + i++ + "]"));
      }
    }
    reasoning(m, b);
    return b.build();
  }

  /** {@code thinking_blocks} (with signatures and redacted blocks) win over the plain {@code reasoning_content}. */
  private static void reasoning(JsonNode m, Message.Builder b) {
    JsonNode blocks = m.get(ChatCompletionsResponseEncoder.THINKING_BLOCKS);
    if (blocks != null && blocks.isArray() && !blocks.isEmpty()) {
      for (JsonNode block : blocks) {
        String type = Json.text(block, "type");
        if ("redacted_thinking".equals(type)) {
          b.addReasoning(new Reasoning("", null, Json.text(block, "data")));
        } else {
          b.addReasoning(new Reasoning(ChatCompletionsCodec.textOr(block, "thinking", ""),
              Json.text(block, "signature"), null));
        }
      }
      return;
    }
    String text = ChatCompletionsCodec.reasoning(m);
    if (text != null && !text.isEmpty()) b.addReasoning(Reasoning.of(text));
  }

  private static @Nullable ContentPart part(JsonNode part, String path) {
    if (!part.isObject()) throw wrongType(path, "an object", part);
    String type = requiredString(part, "type", path + ".type");
    switch (type) {
      case "text":
        return ContentPart.text(requiredString(part, "text", path + ".text"));
      case "image_url": {
        JsonNode image = part.get("image_url");
        if (image != null && image.isTextual()) return ContentPart.image(image.asText());
        if (image == null || !image.isObject()) throw wrongType(path + ".image_url", "an object", image);
        String url = requiredString(image, "url", path + ".image_url.url");
        return new ContentPart.Image(url, string(image, "detail", path + ".image_url.detail"));
      }
      default:
        throw invalid("'" + path + ".type' '" + type + "' is not supported; use 'text' or 'image_url'", path + ".type");
    }
  }

  private static ToolCall toolCall(JsonNode c, String path) {
    if (!c.isObject()) throw wrongType(path, "an object", c);
    JsonNode fn = c.get("function");
    if (fn == null || !fn.isObject()) throw wrongType(path + ".function", "an object", fn);
    return new ToolCall(requiredString(c, "id", path + ".id"), requiredString(fn, "name", path + ".function.name"),
        ChatCompletionsCodec.arguments(fn.get("arguments")),
        Json.text(c.path(ChatCompletionsResponseEncoder.EXTRA_CONTENT).path("google"), "thought_signature"));
  }

  private static Tool tool(JsonNode t, String path) {
    if (!t.isObject()) throw wrongType(path, "an object", t);
    String type = string(t, "type", path + ".type");
    if (type != null && !type.equals("function")) {
      throw invalid("'" + path + ".type' must be 'function' but was '" + type + "'", path + ".type");
    }
    JsonNode fn = t.get("function");
    if (fn == null || !fn.isObject()) throw wrongType(path + ".function", "an object", fn);
    JsonNode parameters = fn.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw wrongType(path + ".function.parameters", "an object", parameters);
    }
    return Tool.builder(requiredString(fn, "name", path + ".function.name"))
        .description(string(fn, "description", path + ".function.description"))
        .parameters(parameters == null || parameters.isNull() ? "" : Json.text(parameters))
        .strict(bool(fn, "strict", path + ".function.strict"))
        .build();
  }

  private static @Nullable ToolChoice toolChoice(@Nullable JsonNode c) {
    if (c == null || c.isNull()) return null;
    if (c.isTextual()) {
      switch (c.asText()) {
        case "auto": return ToolChoice.AUTO;
        case "none": return ToolChoice.NONE;
        case "required": return ToolChoice.REQUIRED;
        default:
          throw invalid("'tool_choice' must be 'auto', 'none', 'required' or a function but was '"
              + c.asText() + "'", "tool_choice");
      }
    }
    if (!c.isObject()) throw wrongType("tool_choice", "a string or an object", c);
    JsonNode fn = c.get("function");
    if (fn == null || !fn.isObject()) throw wrongType("tool_choice.function", "an object", fn);
    return ToolChoice.function(requiredString(fn, "name", "tool_choice.function.name"));
  }

  private static @Nullable ResponseFormat responseFormat(@Nullable JsonNode f) {
    if (f == null || f.isNull()) return null;
    if (!f.isObject()) throw wrongType("response_format", "an object", f);
    String type = requiredString(f, "type", "response_format.type");
    switch (type) {
      case "text": return ResponseFormat.TEXT;
      case "json_object": return ResponseFormat.JSON_OBJECT;
      case "json_schema": {
        JsonNode s = f.get("json_schema");
        if (s == null || !s.isObject()) throw wrongType("response_format.json_schema", "an object", s);
        JsonNode schema = s.get("schema");
        return ResponseFormat.jsonSchema(requiredString(s, "name", "response_format.json_schema.name"),
            schema == null || schema.isNull() ? "" : Json.text(schema), bool(s, "strict", "response_format.json_schema.strict"));
      }
      default:
        throw invalid("'response_format.type' must be 'text', 'json_object' or 'json_schema' but was '" + type + "'",
            "response_format.type");
    }
  }

  private static List<String> stop(@Nullable JsonNode stop) {
    if (stop == null || stop.isNull()) return List.of();
    if (stop.isTextual()) return List.of(stop.asText());
    if (!stop.isArray()) throw wrongType("stop", "a string or an array of strings", stop);
    List<String> out = new ArrayList<>(stop.size());
    for (JsonNode s : stop) {
      if (!s.isTextual()) throw wrongType("stop", "a string or an array of strings", stop);
      out.add(s.asText());
    }
    return out;
  }

  /**
   * Runs one part's decoding, turning what the value types refuse (a blank tool name, an empty
   * call id) into an {@link InvalidRequestException} that names the part.
   */
  private static <T> T checked(String path, java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("'" + path + "' is invalid: " + e.getMessage(), path, e);
    }
  }
}
