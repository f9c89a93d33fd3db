package dev.aegis.core.internal;

import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.core.resilience.RetryPolicy;
import dev.failsafe.Failsafe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A target's retries: a Failsafe {@code RetryPolicy} built once, when the gateway is built, and
 * run around the {@link AttemptExecutor} for each call that reaches the target.
 *
 * <p>The policy is shared by every call, so what only the call knows travels with each failure:
 * after a failed attempt the call decides whether this failure may be retried now (retryable by
 * the {@link FailureClassifier}, the stream not committed, the branch not cancelled, a
 * Retry-After within the cap, a wait the deadline can afford) and, if so, hands Failsafe a
 * {@link Retry} carrying the wait; any other failure ends the retries as it is. Failsafe counts
 * the attempts and schedules the waits. Its asynchronous API runs on an {@link InlineScheduler},
 * so every attempt stays on the request's thread and every wait goes through the injected sleeper
 * or scheduler: tests never sleep.
 *
 * <p>Immutable and thread-safe.
 */
final class TargetRetry {
  private final RetryPolicy policy;
  private final dev.failsafe.RetryPolicy<Object> failsafe;

  TargetRetry(RetryPolicy policy) {
    this.policy = policy;
    this.failsafe = dev.failsafe.RetryPolicy.builder()
        .withMaxAttempts(policy.maxAttempts())
        .handleIf(e -> e instanceof Retry)
        .withDelayFn(ctx -> ((Retry) ctx.getLastException()).wait)
        .onRetryScheduled(e -> ((Retry) e.getLastException()).scheduled())
        .build();
  }

  @SuppressWarnings("unchecked")
  <R> R run(CallBranch branch, TargetRuntime t, AttemptRunner<R> runner) {
    AttemptExecutor executor = branch.call.engine.attempts();
    CompletableFuture<R> result = Failsafe.with((dev.failsafe.RetryPolicy<R>) (Object) failsafe)
        .with(new InlineScheduler(d -> sleep(branch, d)))
        .getAsync(ctx -> {
          try {
            return executor.attempt(branch, t, runner);
          } catch (GatewayException e) {
            Duration wait = waitBeforeRetry(branch, ctx.getAttemptCount() + 1, e);
            if (wait == null) {
              throw e;
            }
            throw new Retry(e, wait, branch, t);
          }
        });
    try {
      return result.join(); // complete already: the scheduler ran everything inline
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Retry) {
        throw ((Retry) cause).failure; // the last attempt failed too
      }
      if (cause instanceof GatewayException) {
        throw (GatewayException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new GatewayException(ErrorKind.INTERNAL, "retry failed: " + cause, false, cause);
    }
  }

  /** The wait before retrying after {@code attempt} failed with {@code e}; {@code null}: do not retry. */
  private @Nullable Duration waitBeforeRetry(CallBranch branch, int attempt, GatewayException e) {
    if (!FailureClassifier.retryable(e) || branch.committed() || branch.signal.isCancelled()) {
      return null;
    }
    Duration wait;
    Duration retryAfter = e instanceof ProviderException ? ((ProviderException) e).retryAfter() : null;
    if (retryAfter != null) {
      if (retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
        return null; // a Retry-After beyond the cap: move on
      }
      wait = retryAfter;
    } else {
      long ceiling = policy.backoffCeilingNanos(attempt);
      wait = Duration.ofNanos(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
    return wait.compareTo(branch.call.ex.remaining()) >= 0 ? null : wait; // the deadline cannot afford it
  }

  /** Waits through the injected sleeper, or the injected scheduler; a cancellation ends the wait early. */
  private static void sleep(CallBranch branch, Duration d) {
    Engine engine = branch.call.engine;
    CancelSignal signal = branch.signal;
    try {
      if (engine.sleeper() != null) {
        engine.sleeper().sleep(d, signal::isCancelled);
        return;
      }
      CompletableFuture<Void> woken = new CompletableFuture<>();
      Runnable wake = () -> woken.complete(null);
      ScheduledFuture<?> task = engine.scheduler().schedule(wake, d.toNanos(), TimeUnit.NANOSECONDS);
      signal.onCancel(wake);
      try {
        woken.get();
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      } finally {
        task.cancel(false);
        signal.remove(wake);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      signal.cancel("interrupted");
    }
    // no throw on cancellation here: the next attempt's liveness check reports it
  }

  /** A failure the call decided to retry, with its wait: the only thing the shared policy handles. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient GatewayException failure;
    final transient Duration wait;
    private final transient CallBranch branch;
    private final transient TargetRuntime target;

    Retry(GatewayException failure, Duration wait, CallBranch branch, TargetRuntime target) {
      super(null, null, false, false); // control flow only: no stack trace
      this.failure = failure;
      this.wait = wait;
      this.branch = branch;
      this.target = target;
    }

    void scheduled() {
      CallObserver o = branch.call.observer;
      if (o != CallObserver.NOOP) {
        String requested = branch.call.ex.currentModel();
        TargetInfo info = target.info(target.model(requested == null ? "" : requested));
        o.retryScheduled(info, branch.call.ex.attemptCount() + 1, wait, failure);
      }
    }
  }
}
