package dev.aegis.api.plugin;

import dev.aegis.api.Attempt;
import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.chat.Usage;
import dev.aegis.api.embedding.EmbeddingResponse;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a request ended, given to {@link Plugin#onComplete} exactly once per request.
 *
 * @param status success, failure or cancellation
 * @param target the target that served it, or {@code null}
 * @param provider the provider instance that served it, or {@code null}
 * @param usage the tokens used (for a stream, as reported by its usage chunk; zero when unknown)
 * @param attempts every attempt made
 * @param latency the time from the call to its end
 * @param response the answer: for a stream, the response its chunks assembled to (also when it
 *     failed after the commit point); {@code null} when there is none
 * @param embeddingResponse the answer of an embedding request, or {@code null}
 * @param error the failure, or {@code null}
 *     <p>Immutable and thread-safe.
 */
public record Outcome(
    Status status,
    @Nullable String target,
    @Nullable String provider,
    Usage usage,
    List<Attempt> attempts,
    Duration latency,
    @Nullable ChatResponse response,
    @Nullable EmbeddingResponse embeddingResponse,
    @Nullable GatewayException error) {

  /** How a request ended. */
  public enum Status { SUCCESS, FAILURE, CANCELLED }

  public Outcome {
    Checks.notNull(status, "status");
    Checks.notNull(usage, "usage");
    attempts = Checks.copyOf(attempts, "attempts");
    Checks.notNull(latency, "latency");
  }

  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }
}
