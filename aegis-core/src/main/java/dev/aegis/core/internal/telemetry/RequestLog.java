package dev.aegis.core.internal.telemetry;

import dev.aegis.api.Principal;
import dev.aegis.api.chat.ChatRequest;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Message;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Secrets;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.Outcome;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one log line per request, on the logger {@code dev.aegis.request}, with key-value pairs
 * (request id, trace id, door, alias, principal, tenant, target, provider, outcome, error kind,
 * latency, attempts, tokens). Successes log at DEBUG, failures at INFO, so a production INFO
 * level shows what went wrong and nothing else. The prompt and completion text are logged only
 * when the host opted in ({@code logPrompts}); keys, credentials and resolved secrets never are:
 * the credential is not read here at all, and error messages are scrubbed of anything key-like.
 */
public final class RequestLog {
  static final Logger LOG = LoggerFactory.getLogger("dev.aegis.request");

  private RequestLog() {}

  /** Logs the end of a request; costs one level check when the level is off. */
  public static void ended(Exchange ex, Outcome outcome, @Nullable String traceId, boolean logPrompts,
      @Nullable ChatResponse response) {
    boolean success = outcome.status() != Outcome.Status.FAILURE;
    if (success ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder b = (success ? LOG.atDebug() : LOG.atInfo())
        .addKeyValue("request_id", ex.requestId())
        .addKeyValue("door", ex.door().name().toLowerCase(Locale.ROOT))
        .addKeyValue("alias", ex.requestedModel())
        .addKeyValue("outcome", outcome.status().name().toLowerCase(Locale.ROOT))
        .addKeyValue("latency_ms", outcome.latency().toMillis())
        .addKeyValue("attempts", outcome.attempts().size());
    if (traceId != null) {
      b.addKeyValue("trace_id", traceId);
    }
    Principal p = ex.principal();
    if (p != null) {
      b.addKeyValue("principal", p.id());
      if (p.tenant() != null) {
        b.addKeyValue("tenant", p.tenant());
      }
    }
    if (outcome.target() != null) {
      b.addKeyValue("target", outcome.target()).addKeyValue("provider", outcome.provider());
    }
    if (outcome.usage().totalTokens() > 0) {
      b.addKeyValue("input_tokens", outcome.usage().inputTokens())
          .addKeyValue("output_tokens", outcome.usage().outputTokens());
    }
    GatewayException error = outcome.error();
    if (error != null) {
      b.addKeyValue("error_kind", error.kind().name().toLowerCase(Locale.ROOT));
    }
    if (logPrompts && !ex.isEmbedding()) {
      b.addKeyValue("prompt", lastUserText(ex.request()));
      if (response != null) {
        b.addKeyValue("completion", response.text());
      }
    }
    if (error == null) {
      b.log("request completed");
    } else {
      b.log("request {}: {}", outcome.status() == Outcome.Status.CANCELLED ? "cancelled" : "failed",
          Secrets.scrub(error.getMessage()));
    }
  }

  private static String lastUserText(ChatRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      Message m = request.messages().get(i);
      if (m.role() == dev.aegis.api.chat.Role.USER) {
        return m.text();
      }
    }
    return "";
  }
}
