package dev.aegis.providers.openai.server.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.ModelNotFoundException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.error.RateLimitedException;
import dev.aegis.providers.openai.internal.ChatCompletionsResponseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failure into OpenAI's error shape, {@code {"error":{"message","type","param","code"}}},
 * with the HTTP status and type from {@link ErrorKind} (the one table) and {@code Retry-After} on
 * 429 and 503. Anything that is not a {@link GatewayException} is a bug: it is answered as an
 * internal error without its message.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorReplies {
  private static final byte[] SSE_ERROR = "event: error\ndata: ".getBytes(StandardCharsets.US_ASCII);

  private ErrorReplies() {}

  /** The gateway failure behind {@code t}, unwrapping future wrappers. */
  public static GatewayException unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof GatewayException) return (GatewayException) e;
    return new GatewayException(ErrorKind.INTERNAL, "the gateway failed while serving the request", false, e);
  }

  /** The error body. */
  public static byte[] body(GatewayException e) {
    String param = e instanceof InvalidRequestException ? ((InvalidRequestException) e).param() : null;
    return ChatCompletionsResponseEncoder.error(message(e), e.kind().errorType(), param, code(e));
  }

  /** The error as one SSE {@code error} event (for a failure after a stream's status was sent). */
  public static byte[] event(GatewayException e) {
    return StreamPump.frame(SSE_ERROR, body(e));
  }

  /**
   * Adds {@code x-aegis-attempts} and {@code x-aegis-provider} (the last attempt's) to an error
   * reply, so a failed answer names what was tried whether it was asked for whole or streamed.
   */
  public static void attempts(List<Attempt> attempts, Map<String, String> headers) {
    if (attempts.isEmpty()) return;
    headers.put(AnswerHeaders.ATTEMPTS, Integer.toString(attempts.size()));
    headers.put(AnswerHeaders.PROVIDER, attempts.get(attempts.size() - 1).provider());
  }

  /** Adds {@code Retry-After} (whole seconds, at least 1) to a 429 or 503 reply. */
  public static void retryAfter(GatewayException e, Duration fallback, Map<String, String> headers) {
    int status = e.kind().httpStatus();
    if (status != 429 && status != 503) return;
    Duration after = retryAfter(e);
    if (after == null) after = fallback;
    long seconds = Math.max(1, (after.toMillis() + 999) / 1000);
    headers.put("retry-after", Long.toString(seconds));
  }

  private static @Nullable Duration retryAfter(GatewayException e) {
    if (e instanceof RateLimitedException) return ((RateLimitedException) e).retryAfter();
    if (e instanceof ProviderException) return ((ProviderException) e).retryAfter();
    return e.getCause() instanceof ProviderException ? ((ProviderException) e.getCause()).retryAfter() : null;
  }

  private static String message(GatewayException e) {
    // an internal failure's text describes the bug, not the caller's request
    return e.kind() == ErrorKind.INTERNAL ? "the gateway failed while serving the request" : e.getMessage();
  }

  private static String code(GatewayException e) {
    if (e instanceof ModelNotFoundException) return "model_not_found";
    return e.kind().name().toLowerCase(Locale.ROOT);
  }
}
