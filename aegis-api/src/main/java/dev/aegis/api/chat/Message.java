package dev.aegis.api.chat;

import dev.aegis.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation: its role, its content parts, and for assistant messages the
 * tool calls, refusal and reasoning; for tool messages the id of the call they answer.
 *
 * <pre>{@code
 * List<Message> conversation = List.of(
 *     Message.system("You are terse."),
 *     Message.user("What is 2+2?"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Message {
  private final Role role;
  private final List<ContentPart> content;
  private final @Nullable String name;
  private final List<ToolCall> toolCalls;
  private final @Nullable String toolCallId;
  private final @Nullable String refusal;
  private final List<Reasoning> reasoning;

  private Message(Builder b) {
    this.role = Checks.notNull(b.role, "role");
    this.content = Checks.copyOf(b.content, "content");
    this.name = b.name;
    this.toolCalls = Checks.copyOf(b.toolCalls, "toolCalls");
    this.toolCallId = b.toolCallId;
    this.refusal = b.refusal;
    this.reasoning = Checks.copyOf(b.reasoning, "reasoning");
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs a toolCallId");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only assistant messages carry tool calls");
    }
  }

  public static Builder builder(Role role) {
    return new Builder(role);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Message system(String text) {
    return builder(Role.SYSTEM).addText(text).build();
  }

  public static Message developer(String text) {
    return builder(Role.DEVELOPER).addText(text).build();
  }

  public static Message user(String text) {
    return builder(Role.USER).addText(text).build();
  }

  public static Message assistant(String text) {
    return builder(Role.ASSISTANT).addText(text).build();
  }

  /** An assistant message that only calls tools. */
  public static Message assistant(List<ToolCall> toolCalls) {
    return builder(Role.ASSISTANT).toolCalls(toolCalls).build();
  }

  /** A tool result answering the call with the given id. */
  public static Message tool(String toolCallId, String result) {
    return builder(Role.TOOL).toolCallId(toolCallId).addText(result).build();
  }

  public Role role() {
    return role;
  }

  /** The content parts, never null; empty for an assistant message that only calls tools. */
  public List<ContentPart> content() {
    return content;
  }

  /** The text parts joined without separator; empty when there are none. */
  public String text() {
    if (content.size() == 1 && content.get(0) instanceof ContentPart.Text) {
      return ((ContentPart.Text) content.get(0)).text();
    }
    StringBuilder sb = new StringBuilder();
    for (ContentPart part : content) {
      if (part instanceof ContentPart.Text) {
        sb.append(((ContentPart.Text) part).text());
      }
    }
    return sb.toString();
  }

  /** Whether any part is an image. */
  public boolean hasImages() {
    for (ContentPart part : content) {
      if (part instanceof ContentPart.Image) {
        return true;
      }
    }
    return false;
  }

  /** The participant name, or {@code null}. */
  public @Nullable String name() {
    return name;
  }

  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** For a tool message, the id of the call it answers; otherwise {@code null}. */
  public @Nullable String toolCallId() {
    return toolCallId;
  }

  /** For an assistant message, the model's refusal text, or {@code null}. */
  public @Nullable String refusal() {
    return refusal;
  }

  /** Reasoning blocks (assistant messages of reasoning models), never null. */
  public List<Reasoning> reasoning() {
    return reasoning;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof Message)) return false;
    Message m = (Message) o;
    return role == m.role && content.equals(m.content) && Objects.equals(name, m.name)
        && toolCalls.equals(m.toolCalls) && Objects.equals(toolCallId, m.toolCallId)
        && Objects.equals(refusal, m.refusal) && reasoning.equals(m.reasoning);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, content, name, toolCalls, toolCallId, refusal, reasoning);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Message{").append(role.wireName());
    if (!content.isEmpty()) sb.append(", content=").append(content);
    if (name != null) sb.append(", name=").append(name);
    if (!toolCalls.isEmpty()) sb.append(", toolCalls=").append(toolCalls);
    if (toolCallId != null) sb.append(", toolCallId=").append(toolCallId);
    if (refusal != null) sb.append(", refusal=").append(refusal);
    if (!reasoning.isEmpty()) sb.append(", reasoning=").append(reasoning);
    return sb.append('}').toString();
  }

  /** Builds a {@link Message}. Not thread-safe. */
  public static final class Builder {
    private Role role;
    private final List<ContentPart> content = new ArrayList<>(2);
    private @Nullable String name;
    private final List<ToolCall> toolCalls = new ArrayList<>(0);
    private @Nullable String toolCallId;
    private @Nullable String refusal;
    private final List<Reasoning> reasoning = new ArrayList<>(0);

    private Builder(Role role) {
      this.role = Checks.notNull(role, "role");
    }

    private Builder(Message m) {
      role = m.role;
      content.addAll(m.content);
      name = m.name;
      toolCalls.addAll(m.toolCalls);
      toolCallId = m.toolCallId;
      refusal = m.refusal;
      reasoning.addAll(m.reasoning);
    }

    public Builder role(Role role) {
      this.role = Checks.notNull(role, "role");
      return this;
    }

    public Builder addText(String text) {
      content.add(ContentPart.text(text));
      return this;
    }

    public Builder addPart(ContentPart part) {
      content.add(Checks.notNull(part, "part"));
      return this;
    }

    /** Replaces the content parts. */
    public Builder content(List<? extends ContentPart> parts) {
      content.clear();
      for (ContentPart p : Checks.notNull(parts, "content")) {
        addPart(p);
      }
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder addToolCall(ToolCall call) {
      toolCalls.add(Checks.notNull(call, "toolCall"));
      return this;
    }

    public Builder toolCalls(List<ToolCall> calls) {
      toolCalls.clear();
      for (ToolCall c : Checks.notNull(calls, "toolCalls")) {
        addToolCall(c);
      }
      return this;
    }

    public Builder toolCallId(@Nullable String toolCallId) {
      this.toolCallId = toolCallId;
      return this;
    }

    public Builder refusal(@Nullable String refusal) {
      this.refusal = refusal;
      return this;
    }

    public Builder addReasoning(Reasoning r) {
      reasoning.add(Checks.notNull(r, "reasoning"));
      return this;
    }

    public Builder reasoning(List<Reasoning> blocks) {
      reasoning.clear();
      for (Reasoning r : Checks.notNull(blocks, "reasoning")) {
        addReasoning(r);
      }
      return this;
    }

    public Message build() {
      return new Message(this);
    }
  }
}
