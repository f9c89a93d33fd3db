package dev.aegis.providers.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code messages}/{@code contents} array of a wire format that rejects two consecutive turns
 * of the same role (Anthropic, Gemini, Bedrock Converse): a turn with the previous turn's role is
 * appended to that turn, and a turn without content is dropped, so parallel tool results and a
 * user message following them travel as one user turn.
 *
 * <p>Not thread-safe: one per encoded request.
 */
public final class Turns {
  private final ArrayNode turns = Json.NODES.arrayNode();
  private final String contentField;
  private @Nullable String lastRole;
  private @Nullable ArrayNode lastContent;

  /** @param contentField the name of a turn's content array ({@code content}, or {@code parts} for Gemini) */
  public Turns(String contentField) {
    this.contentField = contentField;
  }

  /** Adds one message's content as a turn of {@code role}, or to the previous turn of the same role. */
  public void add(String role, ArrayNode content) {
    if (content.isEmpty()) {
      return;
    }
    if (role.equals(lastRole) && lastContent != null) {
      lastContent.addAll(content);
    } else {
      turns.addObject().put("role", role).set(contentField, content);
      lastRole = role;
      lastContent = content;
    }
  }

  /**
   * The texts of the system and developer messages, in order: these formats send instructions
   * apart from the turns, and treat a developer message as a system one.
   */
  public static List<String> systemTexts(List<Message> messages) {
    List<String> texts = new ArrayList<>(1);
    for (Message m : messages) {
      if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) texts.add(m.text());
    }
    return texts;
  }

  /** The turns added so far (the live array, not a copy). */
  public ArrayNode array() {
    return turns;
  }
}
