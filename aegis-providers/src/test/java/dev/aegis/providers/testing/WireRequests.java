package dev.aegis.providers.testing;

import dev.aegis.api.chat.CacheHint;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ContentPart;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Tool;
import dev.aegis.api.chat.ToolCall;
import java.util.List;

/**
 * The requests every adapter's wire test encodes: the contract kit's multi-turn, system-prompt and
 * image requests, a request with a cache hint on each kind of block, and a request with twenty
 * tools whose order must survive.
 */
public final class WireRequests {
  /** A 1x1 PNG, as the contract kit sends it. */
  public static final String IMAGE =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  public static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}";

  private WireRequests() {}

  public static ChatRequest multiTurn() {
    return ChatRequest.builder().model("alias").addMessage(Message.user("My name is Ada."))
        .addMessage(Message.assistant("Hello Ada.")).addMessage(Message.user("What is my name?")).build();
  }

  public static ChatRequest systemPrompt() {
    return ChatRequest.builder().model("alias").addMessage(Message.system("Answer in French."))
        .addMessage(Message.user("Hello")).build();
  }

  public static ChatRequest image() {
    return ChatRequest.builder().model("alias").addMessage(Message.builder(Role.USER).addText("What is in this image?")
        .addPart(ContentPart.imageData("image/png", IMAGE)).build()).build();
  }

  /**
   * Four cache hints (Anthropic's limit): on a tool definition and a system text (one hour), on an
   * image (the provider's default lifetime) and on a tool result (five minutes).
   */
  public static ChatRequest cacheMarked() {
    return ChatRequest.builder().model("alias")
        .addMessage(Message.builder(Role.SYSTEM).addPart(ContentPart.text("Long instructions.").withCacheHint(CacheHint.ONE_HOUR)).build())
        .addMessage(Message.builder(Role.USER).addText("Look:")
            .addPart(ContentPart.imageData("image/png", IMAGE).withCacheHint(CacheHint.DEFAULT)).build())
        .addMessage(Message.assistant(List.of(ToolCall.of("call_1", "lookup", "{\"city\":\"Paris\"}"))))
        .addMessage(Message.builder(Role.TOOL).toolCallId("call_1")
            .addPart(ContentPart.text("{\"temperature\":21}").withCacheHint(CacheHint.FIVE_MINUTES)).build())
        .addTool(Tool.builder("lookup").description("Look a city up").parameters(SCHEMA).cacheHint(CacheHint.ONE_HOUR).build())
        .build();
  }

  /** A cache hint on the text of a user message, the last of a long shared prefix. */
  public static ChatRequest textMarked() {
    return ChatRequest.builder().model("alias")
        .addMessage(Message.builder(Role.USER).addPart(ContentPart.text("Here is a long document.").withCacheHint(CacheHint.DEFAULT))
            .addText("Summarize it.").build()).build();
  }

  /** Twenty tools {@code t00} to {@code t19}, in that order. */
  public static List<Tool> twentyTools() {
    List<Tool> tools = new java.util.ArrayList<>(20);
    for (int i = 0; i < 20; i++) tools.add(Tool.function(String.format("t%02d", i), null, SCHEMA));
    return tools;
  }

  public static ChatRequest withTwentyTools() {
    return ChatRequest.builder().model("alias").addMessage(Message.user("Pick one.")).tools(twentyTools()).build();
  }

  /** The twenty tools as a JSON array in the OpenAI function format (OpenAI, Azure, the presets, Ollama). */
  public static String functionToolsJson() {
    StringBuilder tools = new StringBuilder("[");
    for (String name : twentyToolNames()) {
      if (tools.length() > 1) tools.append(',');
      tools.append("{\"type\":\"function\",\"function\":{\"name\":\"").append(name).append("\",\"parameters\":")
          .append(SCHEMA).append("}}");
    }
    return tools.append(']').toString();
  }

  /**
   * {@link #cacheMarked()} in the Chat Completions format for {@code model}, without the closing
   * brace: no cache markers (these providers cache on their own).
   */
  public static String chatCompletionsCacheMarked(String model) {
    return "{\"model\":\"" + model + "\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Long instructions.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + IMAGE + "\"}}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"content\":\"{\\\"temperature\\\":21}\",\"tool_call_id\":\"call_1\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"description\":\"Look a city up\",\"parameters\":"
        + SCHEMA + "}}]";
  }

  /** The tool names in twentyTools(), for an order check on any wire shape. */
  public static List<String> twentyToolNames() {
    return twentyTools().stream().map(Tool::name).toList();
  }
}
