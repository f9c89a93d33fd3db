package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatChunk;
import dev.aegis.api.chat.ResponseMetadata;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.Outcome;
import dev.aegis.api.plugin.TargetInfo;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one call reports as it runs, from {@link CallListener#start}. Every method has an empty
 * default; override the ones you need. The contract is OkHttp's {@code EventListener}'s: fast,
 * no locking, no blocking, never throws (the engine catches and counts what does throw).
 *
 * <p>Threads: a call's callbacks come from the thread that runs it, except that hedged attempts
 * run on the gateway's executor, so {@code attempt*}, {@code firstChunk} and {@code chunk} may
 * come from several threads at once while a hedge races; an implementation that keeps per-attempt
 * state keys it by attempt number.
 */
public interface CallObserver {
  /** Hears nothing. The engine compares against it to skip building what only observers read. */
  CallObserver NOOP = new CallObserver() {};

  /**
   * An attempt is about to call {@code target}'s provider. {@code attempt} counts from 1 across
   * the whole call (retries, fallbacks and hedges included). {@code headers} adds outbound
   * headers to this attempt's provider call (for example {@code traceparent}).
   */
  default void attemptStart(TargetInfo target, int attempt, OutboundHeaders headers) {}

  /**
   * An attempt ended: {@code error} is null on success, and then {@code usage} and
   * {@code responseModel} say what the provider reported (null when it reported nothing, or for
   * a stream that ended before its usage chunk).
   */
  default void attemptEnd(TargetInfo target, int attempt, Duration latency, @Nullable Usage usage,
      @Nullable String responseModel, @Nullable GatewayException error) {}

  /** The target's retry policy will try it again after {@code wait}, because of {@code error}. */
  default void retryScheduled(TargetInfo target, int nextAttempt, Duration wait, GatewayException error) {}

  /** A strategy moved on from {@code fromTarget} to another member because of {@code error}. */
  default void fallbackTaken(String fromTarget, GatewayException error) {}

  /** A hedged strategy launched another member ({@code member} counts from 0) after its delay. */
  default void hedgeFired(int member, String firstTarget) {}

  /** A hedged strategy's member answered first; the others are cancelled. */
  default void hedgeWon(int member, String firstTarget) {}

  /** A stream's first chunk reached the output (the commit point, for a content chunk). */
  default void firstChunk(ChatChunk chunk) {}

  /** A stream chunk reached the caller (after the stream transformers). */
  default void chunk(ChatChunk chunk) {}

  /**
   * The call ended, after every plugin's {@code onComplete}: the outcome (status, target, usage,
   * attempts, error) and the response metadata the caller sees.
   */
  default void end(Outcome outcome, ResponseMetadata metadata) {}
}
