package dev.aegis.api.plugin;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;

/**
 * What a plugin's {@link Plugin#onResponse} decided: keep the answer, replace it (unmasked,
 * redacted), or reject it (an output guardrail blocked it). A sealed type: each kind of decision
 * is a record carrying exactly what it needs.
 *
 * <pre>{@code
 * if (plugin.onResponse(exchange, response) instanceof ResponseDecision.Replace replace) {
 *   response = replace.response();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ResponseDecision
    permits ResponseDecision.Keep, ResponseDecision.Replace, ResponseDecision.Reject {

  /** The kinds of decision, for logs and tests; the records say the same with their type. */
  enum Type { KEEP, REPLACE, REJECT }

  /** The kind of this decision. */
  Type type();

  /** Keep the answer as it is. */
  static ResponseDecision keep() {
    return Keep.INSTANCE;
  }

  /** Replace the answer with this one. */
  static ResponseDecision replace(ChatResponse response) {
    return new Replace(response);
  }

  /** Fail the request with this error. */
  static ResponseDecision reject(GatewayException error) {
    return new Reject(error);
  }

  /** Keep the answer as it is. Immutable and thread-safe. */
  record Keep() implements ResponseDecision {
    static final Keep INSTANCE = new Keep();

    @Override
    public Type type() {
      return Type.KEEP;
    }
  }

  /** Replace the answer with this one. Immutable and thread-safe. */
  record Replace(ChatResponse response) implements ResponseDecision {
    public Replace {
      Checks.notNull(response, "response");
    }

    @Override
    public Type type() {
      return Type.REPLACE;
    }
  }

  /** Fail the request with this error. Immutable and thread-safe. */
  record Reject(GatewayException error) implements ResponseDecision {
    public Reject {
      Checks.notNull(error, "error");
    }

    @Override
    public Type type() {
      return Type.REJECT;
    }
  }
}
