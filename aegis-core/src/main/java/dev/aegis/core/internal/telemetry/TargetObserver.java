package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Observes the tries of one target within a request: its first attempt and its retries, which
 * the GenAI conventions fold into one client operation (one CLIENT span covering all retries).
 * Same contract as {@link RequestObserver}.
 */
public abstract class TargetObserver {
  /** Observes nothing. */
  public static final TargetObserver NONE = new TargetObserver() {};

  /**
   * An attempt starts; returns the headers to send: {@code base} itself, or a copy with trace
   * headers ({@code traceparent}) added.
   */
  public Map<String, String> attemptStarted(int attempt, Map<String, String> base) {
    return base;
  }

  /** An attempt failed after {@code nanos}; a retry of the same target may follow. */
  public void attemptFailed(int attempt, GatewayException error, long nanos) {}

  /** The target will be tried again after {@code delay}. */
  public void retryScheduled(int nextAttempt, Duration delay, GatewayException cause) {}

  /** A streamed chunk arrived from the provider, at ticker reading {@code nanos}. */
  public void chunk(ChatChunk chunk, long nanos) {}

  /** The target served the request; {@code response} is null for streams and embeddings. */
  public void succeeded(@Nullable ChatResponse response) {}

  /** The target served an embedding request, using {@code usage}. */
  public void embedded(String responseModel, Usage usage) {}

  /** The target is done: served ({@code error} null) or failed for good. */
  public void ended(@Nullable GatewayException error) {}
}
