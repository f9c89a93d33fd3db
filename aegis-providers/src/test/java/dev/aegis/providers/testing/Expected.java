package dev.aegis.providers.testing;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Choice;
import dev.aegis.api.chat.FinishReason;
import dev.aegis.api.chat.Message;
import dev.aegis.api.chat.Role;
import dev.aegis.api.chat.Usage;
import org.jspecify.annotations.Nullable;

/** Builds the normalized answers that fixture tests expect, field by field, from values read off the recordings. */
public final class Expected {
  private Expected() {}

  /** An assistant message builder. */
  public static Message.Builder assistant() {
    return Message.builder(Role.ASSISTANT);
  }

  /** A one-choice answer created at 0 (the codecs under test are given 0), without extras or metadata. */
  public static ChatResponse.Builder response(String id, String model, Message message,
      @Nullable FinishReason finish, Usage usage) {
    return ChatResponse.builder().id(id).model(model).created(0).usage(usage)
        .addChoice(Choice.of(0, message, finish));
  }
}
