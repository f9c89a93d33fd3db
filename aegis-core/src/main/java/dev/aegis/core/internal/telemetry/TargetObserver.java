package dev.aegis.core.internal.telemetry;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.core.internal.OutboundHeaders;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Observes the tries of one target within a request: its first attempt and its retries, which
 * the GenAI conventions fold into one client operation (one CLIENT span covering all retries).
 * Same contract as {@link RequestObserver}.
 */
public abstract class TargetObserver {
  /** Observes nothing. */
  public static final TargetObserver NONE = new TargetObserver() {};

  /** An attempt starts; trace headers ({@code traceparent}) may be added to its provider call. */
  public void attemptStarted(int attempt, OutboundHeaders headers) {}

  /** An attempt failed after {@code nanos}; a retry of the same target may follow. */
  public void attemptFailed(int attempt, GatewayException error, long nanos) {}

  /** The target will be tried again after {@code delay}. */
  public void retryScheduled(int nextAttempt, Duration delay, GatewayException cause) {}

  /** A streamed chunk reached the caller, at ticker reading {@code nanos}. */
  public void chunk(ChatChunk chunk, long nanos) {}

  /** The provider answered a chat request with {@code response} (not called for streams). */
  public void answered(ChatResponse response) {}

  /** An attempt succeeded; usage and model as the provider reported them (null when it did not). */
  public void succeeded(@Nullable Usage usage, @Nullable String responseModel) {}

  /** The target is done: served ({@code error} null) or failed for good. */
  public void ended(@Nullable GatewayException error) {}
}
