package dev.aegis.core.internal;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import org.jspecify.annotations.Nullable;

/**
 * Where a call's output goes: the one thing that differs between the doors. {@link Call} runs
 * the same stages for all of them and asks its output only what depends on the door: how an
 * attempt calls the provider (it is the {@link AttemptRunner}), what a plugin's answer becomes,
 * what the response stage does, and how the result or error reaches the caller (returned or
 * thrown, a completed future, the end of a stream).
 *
 * <p>Implementations: {@link ResponseOutput} ({@code route()}, {@code embed()}), {@link FutureOutput}
 * ({@code routeAsync()}), {@link StreamOutput} ({@code routeStream()}).
 *
 * @param <R> what one attempt and the whole call produce
 */
abstract class CallOutput<R> implements AttemptRunner<R> {

  /** Whether the door streams: the request deadline then bounds it only up to its commit point. */
  boolean streams() {
    return false;
  }

  /** Whether a stream passed its commit point: then nothing may be retried or fall back. */
  boolean committed() {
    return false;
  }

  /** Whether the caller cancelled the output itself (closed the stream). */
  boolean cancelledByCaller() {
    return false;
  }

  /** The call's result for a plugin's answer from {@code onRequest}. */
  abstract R answered(Call call, Object answer);

  /** The response stage, after routing or an answer: {@code onResponse}, metadata, release. */
  abstract R respond(Call call, R result);

  /** The request's error as this door reports it. */
  GatewayException failed(Call call, GatewayException error) {
    return error;
  }

  /** The chat response the plugins' {@code onComplete} sees, if any. */
  @Nullable ChatResponse chatResponse(Call call, @Nullable R result) {
    return null;
  }

  /** The embedding response the plugins' {@code onComplete} sees, if any. */
  @Nullable EmbeddingResponse embeddingResponse(@Nullable R result) {
    return null;
  }

  /**
   * Hands the outcome to the caller, after {@code onComplete}: returns the result or throws the
   * error (the blocking doors), or completes a future or a stream and returns {@code null}.
   */
  abstract @Nullable R deliver(Call call, @Nullable R result, @Nullable GatewayException error);
}
