package dev.aegis.core.internal;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.internal.ErrorAttempts;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.PriceTable;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One line of execution of a call's route: the request itself, or a hedge branch of it with its
 * own cancellation. It answers what route nodes may ask, handing each concern to its owner:
 * availability to the plugins and the target's state, attempts to the target's retry and the
 * {@link AttemptExecutor}, moving on to the {@link FailureClassifier}.
 *
 * <p>Thread-safe: hedge branches run on the executor's threads.
 */
final class CallBranch implements RouteContext {
  final Call call;
  final CancelSignal signal;
  private final @Nullable CallBranch parent;

  CallBranch(Call call, CancelSignal signal, @Nullable CallBranch parent) {
    this.call = call;
    this.signal = signal;
    this.parent = parent;
  }

  boolean descendsFrom(CallBranch other) {
    for (CallBranch b = this; b != null; b = b.parent) {
      if (b == other) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String routeName() {
    return call.routeName();
  }

  @Override
  public Exchange exchange() {
    return call.ex;
  }

  @Override
  public @Nullable String unavailable(TargetRuntime t) {
    String why = call.stages.eligible(t);
    if (why == null) {
      why = t.state.peek();
    }
    if (why != null) {
      call.reject(t, why);
    }
    return why;
  }

  @Override
  public <R> R attempt(TargetRuntime t, AttemptRunner<R> runner) {
    TargetRetry retry = t.retry;
    // the default is one attempt: no retry machinery on the hot path
    return retry == null ? call.engine.attempts().attempt(this, t, runner) : retry.run(this, t, runner);
  }

  @Override
  public boolean mayMoveOn(GatewayException e, Set<FallbackTrigger> triggers) {
    return !committed() && !call.signal.isCancelled() && FailureClassifier.mayFallBack(e, triggers);
  }

  @Override
  public void movedOn(GatewayException e) {
    CallObserver o = call.observer;
    if (o != CallObserver.NOOP) {
      String from = call.ex.lastAttemptTarget();
      o.fallbackTaken(from == null ? "none" : from, e);
    }
  }

  @Override
  public NoRouteException noRoute(String why) {
    return ErrorAttempts.attach(new NoRouteException(routeName(), call.rejections()), call.ex.attempts());
  }

  @Override
  public boolean committed() {
    return call.committed();
  }

  @Override
  public RouteContext branch() {
    return call.hedgeBranch(this);
  }

  @Override
  public void cancel(String why) {
    signal.cancel(why);
  }

  @Override
  public Executor executor() {
    return call.engine.executor();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return call.engine.scheduler().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public CallObserver observer() {
    return call.observer;
  }

  @Override
  public PriceTable prices() {
    return call.engine.prices();
  }

  @Override
  public TargetState state(TargetRuntime t) {
    return t.state;
  }

  @Override
  public int random(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }

  @Override
  public double random() {
    return ThreadLocalRandom.current().nextDouble();
  }
}
