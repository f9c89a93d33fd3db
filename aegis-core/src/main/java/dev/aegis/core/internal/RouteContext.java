package dev.aegis.core.internal;

import dev.aegis.api.error.NoRouteException;

/** What a {@link RouteNode} may ask of the request it serves. */
interface RouteContext {

  /**
   * Throws a {@link NoRouteException} if a plugin drops the target, with its reason; otherwise
   * returns normally.
   */
  void requireEligible(TargetRuntime target);

  /** The plugins' reason to drop the target, or {@code null} to keep it. */
  String rejection(TargetRuntime target);

  /**
   * Runs one attempt: re-checks eligibility, calls {@code onAttempt}, runs the runner with a
   * fresh {@link AttemptCall}, and records the attempt. Throws the attempt's failure as a
   * {@link dev.aegis.api.error.GatewayException}.
   */
  <R> R attempt(TargetRuntime target, AttemptRunner<R> runner);

  /** The route's name, for errors. */
  String routeName();
}
