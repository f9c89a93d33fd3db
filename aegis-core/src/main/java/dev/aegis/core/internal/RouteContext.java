package dev.aegis.core.internal;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.error.NoRouteException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.PriceTable;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/** What a {@link RouteNode} may ask of the request (or hedge branch) it serves. */
interface RouteContext {

  /** The route's name, for errors. */
  String routeName();

  Exchange exchange();

  /**
   * Why the target cannot serve now (dropped by a plugin, circuit open, bulkhead full), recorded
   * for a later {@link NoRouteException}; {@code null} when it can. A peek for choosing among
   * members: {@link #attempt} admits the target itself, in one step.
   */
  @Nullable String unavailable(TargetRuntime target);

  /**
   * Runs the target's attempts (the first and its retries): admits each one (eligibility,
   * breaker and bulkhead, in one step), calls {@code onAttempt}, applies the per-attempt timeout,
   * records every attempt, and throws the last failure as a {@link GatewayException} (a
   * {@link NoRouteException} when the target could not be admitted).
   */
  <R> R attempt(TargetRuntime target, AttemptRunner<R> runner);

  /** Whether a failure allows moving on to another target. */
  boolean mayMoveOn(GatewayException error, Set<FallbackTrigger> triggers);

  /** Notes that a strategy moves on to another member because of {@code error}. */
  void movedOn(GatewayException error);

  /** A {@link NoRouteException} listing every target set aside so far and why. */
  NoRouteException noRoute(String why);

  /** Whether a stream has passed its commit point (then nothing may be retried). */
  boolean committed();

  /** A hedge branch: the same request with its own cancellation. */
  RouteContext branch();

  /** Cancels this branch's attempts. */
  void cancel(String why);

  Executor executor();

  /** Runs {@code task} after {@code delayNanos} on the gateway's injected scheduler. */
  ScheduledFuture<?> schedule(Runnable task, long delayNanos);

  /** The call's observer ({@link CallObserver#NOOP} when nothing listens). */
  CallObserver observer();

  PriceTable prices();

  /** The per-target state (breaker, latency). */
  TargetState state(TargetRuntime target);

  /** A uniform random int in {@code [0, bound)}. */
  int random(int bound);

  /** A uniform random double in {@code [0, 1)}. */
  double random();
}
