package dev.aegis.providers.mock;

import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.ToolCall;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.guardrail.TokenEstimator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mock's scripted replies: what it answers to a request (a tool call, the tool's echo, the
 * canned reply or the caller's own words, cut at {@code maxTokens}), with an id and usage that
 * depend on the request alone, so the whole and the streamed answer agree.
 *
 * <p>Immutable; thread-safe.
 */
final class MockScript {
  /** One answer: text or a tool call, its finish reason and usage. */
  record Answer(String id, String text, @Nullable ToolCall tool, FinishReason finish, Usage usage) {}

  private final @Nullable String reply;
  private final @Nullable String toolName;
  private final String toolArguments;

  /** {@code reply} {@code null}: echo the last user message; {@code toolName} {@code null}: no tool calls. */
  MockScript(@Nullable String reply, @Nullable String toolName, String toolArguments) {
    this.reply = reply;
    this.toolName = toolName;
    this.toolArguments = toolArguments;
  }

  Answer answer(ChatRequest request) {
    List<Message> messages = request.messages();
    Message last = messages.get(messages.size() - 1);
    String id = "mock-" + Integer.toHexString(fingerprint(request));
    int input = TokenEstimator.CHARS_DIV_4.estimate(request);
    if (toolName != null && !request.tools().isEmpty() && last.role() != Role.TOOL) {
      ToolCall tool = new ToolCall("call_" + Integer.toHexString(fingerprint(request) & 0x7fffffff), toolName,
          toolArguments);
      int output = TokenEstimator.CHARS_DIV_4.estimate(toolArguments, null) + 4;
      return new Answer(id, "", tool, FinishReason.TOOL_CALLS, Usage.of(input, output));
    }
    String text;
    if (last.role() == Role.TOOL) {
      text = "The tool answered: " + last.text();
    } else if (reply != null) {
      text = reply;
    } else {
      text = lastUserText(messages);
    }
    FinishReason finish = FinishReason.STOP;
    Integer max = request.maxTokens();
    if (max != null && max * 4 < text.length()) {
      text = text.substring(0, Math.max(1, max * 4));
      finish = FinishReason.LENGTH;
    }
    return new Answer(id, text, null, finish, Usage.of(input, TokenEstimator.CHARS_DIV_4.estimate(text, null)));
  }

  private static String lastUserText(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).text();
      }
    }
    return MockProvider.DEFAULT_REPLY;
  }

  private static int fingerprint(ChatRequest request) {
    int h = 17;
    for (Message m : request.messages()) {
      h = 31 * h + m.role().ordinal();
      h = 31 * h + m.text().hashCode();
    }
    return h;
  }
}
