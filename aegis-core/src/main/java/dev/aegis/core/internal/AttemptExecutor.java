package dev.aegis.core.internal;

import dev.aegis.api.Attempt;
import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.InvalidRequestException;
import dev.aegis.api.error.ProviderError;
import dev.aegis.api.error.ProviderException;
import dev.aegis.api.event.AttemptFailed;
import dev.aegis.api.plugin.TargetInfo;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one attempt on one target, in this order: re-check the plugins' eligibility → admit
 * through the breaker and the bulkhead (one step) → {@code onAttempt} → start the attempt
 * timeout → call the provider → record the attempt (history, breaker, latency, event, observer).
 * Whatever the attempt threw leaves as a typed {@link GatewayException}; a cancellation wins over
 * its symptom.
 *
 * <p>One per engine; stateless and thread-safe.
 */
final class AttemptExecutor {
  static final String ATTEMPT_TIMEOUT = "attempt timeout";
  /** How far a stream's attempt deadline lies when only its watchdog and idle timeout bound it. */
  private static final long OPEN_ENDED_NANOS = TimeUnit.DAYS.toNanos(365);

  private final Engine engine;

  AttemptExecutor(Engine engine) {
    this.engine = engine;
  }

  <R> R attempt(CallBranch branch, TargetRuntime t, AttemptRunner<R> runner) {
    Call call = branch.call;
    call.checkLive();
    String why = call.stages.eligible(t);
    if (why == null) {
      why = t.state.admit();
    }
    if (why != null) {
      call.reject(t, why);
      throw branch.noRoute("its target is unavailable");
    }
    CoreExchange ex = call.ex;
    CallObserver observer = call.observer;
    ScheduledFuture<?> timeoutTask = null;
    AttemptCall ac = null;
    TargetInfo info = null;
    int number = ex.attemptCount() + 1;
    long start = engine.ticker().read();
    try {
      String requested = ex.currentModel();
      String model = t.model(requested == null ? "" : requested);
      if (model.isEmpty()) {
        throw new InvalidRequestException("no model was requested and target '" + t.name() + "' sets none",
            "model");
      }
      if (call.stages.attends() || observer != CallObserver.NOOP) {
        info = t.info(model); // only plugins and observers look at it
      }
      if (call.stages.attends()) {
        call.stages.attempt(info);
      }
      call.attempting(t);
      // a stream without an explicit timeout is bounded by its watchdog up to its commit point
      // and by its idle timeout after it: a healthy long stream must not be cut by a total limit
      boolean stream = call.streams();
      long deadline = stream && !call.explicitTimeout() ? start + OPEN_ENDED_NANOS : ex.deadlineNanos();
      Duration perAttempt = t.target.attemptTimeout();
      if (perAttempt != null && !stream) {
        deadline = Math.min(deadline, start + perAttempt.toNanos());
      }
      ac = new AttemptCall(t, model, engine.ticker(), deadline, number, branch.signal.child(), branch);
      if (observer != CallObserver.NOOP) {
        observer.attemptStart(info, number, ac);
      }
      if (perAttempt != null) {
        CancelSignal s = ac.signal;
        // like the request deadline, it bounds a stream only up to its commit point
        timeoutTask = engine.scheduler().schedule(() -> {
          if (!call.committed()) {
            s.cancel(ATTEMPT_TIMEOUT);
          }
        }, perAttempt.toNanos(), TimeUnit.NANOSECONDS);
      }
      R result = runner.run(t, ac);
      long elapsed = engine.ticker().read() - start;
      Duration latency = Duration.ofNanos(elapsed);
      ex.addAttempt(Attempt.success(t.name(), t.provider.name(), latency));
      t.state.breaker.onSuccess();
      long firstContent = ac.firstContentNanos();
      t.state.latency.record(firstContent > 0 ? firstContent - start : elapsed);
      call.served(t);
      if (observer != CallObserver.NOOP) {
        observer.attemptEnd(info, number, latency, ac.usage(), ac.responseModel(), null);
      }
      return result;
    } catch (Throwable e) {
      GatewayException error = failure(branch, e, t, ac);
      Duration latency = Duration.ofNanos(engine.ticker().read() - start);
      boolean cancelled = error.kind() == ErrorKind.CANCELLED || error.kind() == ErrorKind.UNAVAILABLE;
      if (cancelled) {
        t.state.breaker.onIgnored();
      } else {
        t.state.breaker.onFailure(error);
      }
      int status = error instanceof ProviderException ? ((ProviderException) error).status() : 0;
      ex.addAttempt(new Attempt(t.name(), t.provider.name(),
          cancelled ? Attempt.Outcome.CANCELLED : Attempt.Outcome.FAILURE, latency, error.kind(), status,
          error.getMessage()));
      if (engine.hooks().enabled()) {
        engine.hooks().publish(new AttemptFailed(engine.clock().instant(), ex.requestId(), t.name(),
            t.provider.name(), error.kind(), status, error.retryable(), latency));
      }
      if (observer != CallObserver.NOOP && info != null) {
        observer.attemptEnd(info, number, latency, null, null, error);
      }
      throw error;
    } finally {
      t.state.exit();
      if (timeoutTask != null) {
        timeoutTask.cancel(false);
      }
    }
  }

  /** Maps whatever an attempt threw to a typed error; cancellation wins over the symptom. */
  private static GatewayException failure(CallBranch branch, Throwable e, TargetRuntime t, @Nullable AttemptCall ac) {
    if (e instanceof Error) {
      throw (Error) e;
    }
    Call call = branch.call;
    if (call.signal.isCancelled()) {
      return call.cancellation(e);
    }
    String reason = ac == null ? null : ac.signal.reason();
    if (ac != null && ac.signal.isCancelled() && isTimeout(reason)) {
      return ProviderException.of(new ProviderError(t.provider.name(), 0, null, "timeout", null,
          reason + " passed on target '" + t.name() + "'", null, null), e);
    }
    if (branch.signal.isCancelled() || ac != null && ac.signal.isCancelled() && !(e instanceof GatewayException)) {
      return new GatewayException(ErrorKind.CANCELLED, "attempt on '" + t.name() + "' was cancelled: "
          + (reason == null ? "cancelled" : reason), false, e);
    }
    if (e instanceof GatewayException) {
      return (GatewayException) e;
    }
    if (e instanceof CancellationException) {
      return new GatewayException(ErrorKind.CANCELLED, "attempt on '" + t.name() + "' was cancelled", false, e);
    }
    return ProviderException.of(ProviderError.of(t.provider.name(), 0,
        "provider adapter failed: " + e.getClass().getName() + ": " + e.getMessage()), e);
  }

  private static boolean isTimeout(@Nullable String reason) {
    return ATTEMPT_TIMEOUT.equals(reason) || StreamWatchdog.FIRST_CHUNK_TIMEOUT.equals(reason)
        || StreamWatchdog.IDLE_TIMEOUT.equals(reason);
  }
}
