package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What a plugin's {@link Plugin#onResponse} decided: keep the answer, replace it (unmasked,
 * redacted), or reject it (an output guardrail blocked it).
 *
 * <p>Immutable and thread-safe.
 */
public final class ResponseDecision {
  /** The kinds of decision. */
  public enum Type { KEEP, REPLACE, REJECT }

  private static final ResponseDecision KEEP = new ResponseDecision(Type.KEEP, null, null);

  private final Type type;
  private final @Nullable ChatResponse response;
  private final @Nullable GatewayException error;

  private ResponseDecision(Type type, @Nullable ChatResponse response, @Nullable GatewayException error) {
    this.type = type;
    this.response = response;
    this.error = error;
  }

  public static ResponseDecision keep() {
    return KEEP;
  }

  public static ResponseDecision replace(ChatResponse response) {
    return new ResponseDecision(Type.REPLACE, Checks.notNull(response, "response"), null);
  }

  public static ResponseDecision reject(GatewayException error) {
    return new ResponseDecision(Type.REJECT, null, Checks.notNull(error, "error"));
  }

  public Type type() {
    return type;
  }

  /** The replacement, for REPLACE. */
  public @Nullable ChatResponse response() {
    return response;
  }

  /** The error, for REJECT. */
  public @Nullable GatewayException error() {
    return error;
  }

  @Override
  public String toString() {
    return "ResponseDecision." + type;
  }
}
