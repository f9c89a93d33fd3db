package dev.aegis.providers.mock;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * When the {@link MockProvider} fails, and with which status: never, a fixed sequence ("fail
 * twice with 503, then succeed"), or at random with a probability and a seed (reproducible).
 *
 * <pre>{@code
 * FailurePlan twiceThenOk = FailurePlan.sequence(503, 503);
 * FailurePlan flaky = FailurePlan.probability(0.3, 500, 42L);
 * }</pre>
 *
 * <p>Thread-safe: calls draw their outcome atomically.
 */
public final class FailurePlan {
  private final int[] sequence;
  private final double probability;
  private final int status;
  private final @Nullable SplittableRandom random;
  private final @Nullable Duration retryAfter;
  private final @Nullable String code;
  private final AtomicInteger calls = new AtomicInteger();

  private FailurePlan(int[] sequence, double probability, int status, @Nullable SplittableRandom random,
      @Nullable Duration retryAfter, @Nullable String code) {
    this.sequence = sequence;
    this.probability = probability;
    this.status = status;
    this.random = random;
    this.retryAfter = retryAfter;
    this.code = code;
  }

  /** Never fails. */
  public static FailurePlan none() {
    return new FailurePlan(new int[0], 0, 0, null, null, null);
  }

  /** A "status" that fails without any response, like a connection reset. */
  public static final int CONNECTION_RESET = 0;

  /** Fails the first calls with these statuses (4xx, 5xx or {@link #CONNECTION_RESET}), in order, then succeeds. */
  public static FailurePlan sequence(int... statuses) {
    for (int s : Checks.notNull(statuses, "statuses")) {
      if (s != CONNECTION_RESET && (s < 400 || s > 599)) {
        throw new IllegalArgumentException("a failure status must be 4xx, 5xx or 0 but was " + s);
      }
    }
    return new FailurePlan(statuses.clone(), 0, 0, null, null, null);
  }

  /** Fails each call with {@code status} with the given probability, reproducibly from {@code seed}. */
  public static FailurePlan probability(double probability, int status, long seed) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be in [0,1] but was " + probability);
    }
    return new FailurePlan(new int[0], probability, status, new SplittableRandom(seed), null, null);
  }

  /** A copy whose failures carry a {@code Retry-After}. */
  public FailurePlan withRetryAfter(Duration retryAfter) {
    return new FailurePlan(sequence, probability, status, random, Checks.notNull(retryAfter, "retryAfter"), code);
  }

  /** A copy whose failures carry this provider error code (e.g. {@code context_length_exceeded}). */
  public FailurePlan withCode(String code) {
    return new FailurePlan(sequence, probability, status, random, retryAfter, Checks.notNull(code, "code"));
  }

  @Nullable Duration retryAfter() {
    return retryAfter;
  }

  @Nullable String code() {
    return code;
  }

  /** The status this call fails with, or -1 to succeed. */
  int next() {
    int n = calls.getAndIncrement();
    if (n < sequence.length) {
      return sequence[n];
    }
    if (random != null) {
      double draw;
      synchronized (random) { // SplittableRandom is not thread-safe; this lock guards no I/O
        draw = random.nextDouble();
      }
      return draw < probability ? status : -1;
    }
    return -1;
  }
}
