package dev.aegis.core.internal;

import java.util.List;

/**
 * A compiled strategy: picks targets and runs attempts through a {@link RouteContext}, which
 * applies plugin eligibility, records attempts and enforces the deadline. Immutable and shared by
 * all requests of a configuration snapshot.
 */
abstract class RouteNode {

  /** Serves the request, returning the runner's result or throwing the last failure. */
  abstract <R> R execute(RouteContext ctx, AttemptRunner<R> runner);

  /** Every target under this node. */
  abstract List<TargetRuntime> targets();

  /** The single strategy: one target, no choice. */
  static final class Single extends RouteNode {
    private final TargetRuntime target;
    private final List<TargetRuntime> targets;

    Single(TargetRuntime target) {
      this.target = target;
      this.targets = List.of(target);
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      ctx.requireEligible(target);
      return ctx.attempt(target, runner);
    }

    @Override
    List<TargetRuntime> targets() {
      return targets;
    }
  }
}
