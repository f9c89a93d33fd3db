package dev.aegis.core.internal;

import dev.aegis.api.error.GatewayException;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.PriceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A compiled strategy: chooses among its members and runs attempts through a
 * {@link RouteContext}. The simple strategies live here; {@link HedgedNode} has its own file. Every node first sets aside members with no available target (plugin
 * eligibility, open circuit, full bulkhead), so a strategy never chooses what cannot run.
 * Immutable; shared by all requests of a configuration snapshot.
 */
abstract class RouteNode {

  /** Serves the request, returning the runner's result or throwing the last failure. */
  abstract <R> R execute(RouteContext ctx, AttemptRunner<R> runner);

  /** Whether some target under this node could serve now; records why not for each one. */
  abstract boolean available(RouteContext ctx);

  /** Every target under this node. */
  abstract List<TargetRuntime> targets();

  /** The members that can serve now, in their configured order. */
  static List<RouteNode> available(RouteContext ctx, List<RouteNode> members) {
    List<RouteNode> out = new ArrayList<>(members.size());
    for (RouteNode m : members) {
      if (m.available(ctx)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Tries members in the given order, moving on while the failure allows it. */
  static <R> R inOrder(RouteContext ctx, List<RouteNode> order, AttemptRunner<R> runner,
      Set<FallbackTrigger> triggers) {
    GatewayException last = null;
    for (RouteNode m : order) {
      if (last != null && !m.available(ctx)) {
        continue; // re-checked: it may have become unavailable while an earlier member ran
      }
      try {
        return m.execute(ctx, runner);
      } catch (GatewayException e) {
        if (!ctx.mayMoveOn(e, triggers)) {
          throw e;
        }
        ctx.movedOn(e);
        last = e;
      }
    }
    if (last != null) {
      throw last;
    }
    throw ctx.noRoute("no target is available");
  }

  private static List<TargetRuntime> all(List<RouteNode> members) {
    List<TargetRuntime> all = new ArrayList<>();
    for (RouteNode m : members) {
      all.addAll(m.targets());
    }
    return List.copyOf(all);
  }

  /** A node that chooses among members: holds them and their targets. */
  abstract static class Composite extends RouteNode {
    final List<RouteNode> members;
    private final List<TargetRuntime> targets;

    Composite(List<RouteNode> members) {
      this.members = List.copyOf(members);
      this.targets = all(this.members);
    }

    /** The available members in configured order, or a {@code NoRouteException} if there are none. */
    List<RouteNode> availableOrFail(RouteContext ctx) {
      List<RouteNode> order = available(ctx, members);
      if (order.isEmpty()) {
        throw ctx.noRoute("no target is available");
      }
      return order;
    }

    @Override
    boolean available(RouteContext ctx) {
      return !available(ctx, members).isEmpty();
    }

    @Override
    List<TargetRuntime> targets() {
      return targets;
    }
  }

  // ------------------------------------------------------------------ single

  static final class Single extends RouteNode {
    final TargetRuntime target;
    private final List<TargetRuntime> targets;

    Single(TargetRuntime target) {
      this.target = target;
      this.targets = List.of(target);
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      // chosen only if available (the documented check before any choice); the attempt re-checks
      // eligibility and admits through breaker and bulkhead in one step just before dispatch
      if (ctx.unavailable(target) != null) {
        throw ctx.noRoute("its only target is unavailable");
      }
      return ctx.attempt(target, runner);
    }

    @Override
    boolean available(RouteContext ctx) {
      return ctx.unavailable(target) == null;
    }

    @Override
    List<TargetRuntime> targets() {
      return targets;
    }
  }

  // ------------------------------------------------------------------ fallback

  static final class Fallback extends Composite {
    private final Set<FallbackTrigger> triggers;

    Fallback(List<RouteNode> members, Set<FallbackTrigger> triggers) {
      super(members);
      this.triggers = Set.copyOf(triggers);
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      return inOrder(ctx, availableOrFail(ctx), runner, triggers);
    }
  }

  // ------------------------------------------------------------------ weighted

  static final class Weighted extends Composite {
    private final int[] weights;
    private final boolean fallbackToRemaining;

    Weighted(List<RouteNode> members, List<Integer> weights, boolean fallbackToRemaining) {
      super(members);
      this.weights = weights.stream().mapToInt(Integer::intValue).toArray();
      this.fallbackToRemaining = fallbackToRemaining;
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      List<Integer> candidates = candidates(ctx);
      if (candidates.isEmpty()) {
        throw ctx.noRoute("no target with a positive weight is available");
      }
      GatewayException last = null;
      while (!candidates.isEmpty()) {
        int pick = pick(ctx, candidates);
        RouteNode member = members.get(candidates.remove(pick));
        try {
          return member.execute(ctx, runner);
        } catch (GatewayException e) {
          if (!fallbackToRemaining || !ctx.mayMoveOn(e, Set.of())) {
            throw e;
          }
          ctx.movedOn(e);
          last = e;
        }
      }
      throw last;
    }

    /** Indices of available members with a positive weight. */
    List<Integer> candidates(RouteContext ctx) {
      List<Integer> out = new ArrayList<>(members.size());
      for (int i = 0; i < members.size(); i++) {
        if (weights[i] > 0 && members.get(i).available(ctx)) {
          out.add(i);
        }
      }
      return out;
    }

    /** A position in {@code candidates}, drawn with probability proportional to weight. */
    int pick(RouteContext ctx, List<Integer> candidates) {
      int total = 0;
      for (int i : candidates) {
        total += weights[i];
      }
      int r = ctx.random(total);
      for (int p = 0; p < candidates.size(); p++) {
        r -= weights[candidates.get(p)];
        if (r < 0) {
          return p;
        }
      }
      return candidates.size() - 1;
    }

    @Override
    boolean available(RouteContext ctx) {
      return !candidates(ctx).isEmpty();
    }
  }

  // ------------------------------------------------------------------ conditional

  static final class Conditional extends RouteNode {
    private final List<Condition> conditions;
    private final List<RouteNode> branches;
    private final @Nullable RouteNode otherwise;
    private final List<TargetRuntime> targets;

    Conditional(List<Condition> conditions, List<RouteNode> branches, @Nullable RouteNode otherwise) {
      this.conditions = List.copyOf(conditions);
      this.branches = List.copyOf(branches);
      this.otherwise = otherwise;
      List<RouteNode> all = new ArrayList<>(branches);
      if (otherwise != null) {
        all.add(otherwise);
      }
      this.targets = all(all);
    }

    @Nullable RouteNode select(Exchange ex) {
      for (int i = 0; i < conditions.size(); i++) {
        if (conditions.get(i).matches(ex)) {
          return branches.get(i);
        }
      }
      return otherwise;
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      RouteNode branch = select(ctx.exchange());
      if (branch == null) {
        throw ctx.noRoute("no rule matched and the route has no default");
      }
      return branch.execute(ctx, runner);
    }

    @Override
    boolean available(RouteContext ctx) {
      RouteNode branch = select(ctx.exchange());
      return branch != null && branch.available(ctx);
    }

    @Override
    List<TargetRuntime> targets() {
      return targets;
    }
  }

  // ------------------------------------------------------------------ least latency

  static final class LeastLatency extends Composite {
    private final double exploration;

    LeastLatency(List<RouteNode> members, double exploration) {
      super(members);
      this.exploration = exploration;
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      List<RouteNode> order = availableOrFail(ctx);
      // unmeasured members sort first (NaN -> -1), so a new or recovered target is measured
      order.sort(Comparator.comparingDouble(m -> estimate(ctx, m)));
      if (order.size() > 1 && exploration > 0 && ctx.random() < exploration) {
        RouteNode explored = order.remove(1 + ctx.random(order.size() - 1));
        order.add(0, explored);
      }
      return inOrder(ctx, order, runner, Set.of());
    }

    private static double estimate(RouteContext ctx, RouteNode m) {
      double best = Double.MAX_VALUE;
      for (TargetRuntime t : m.targets()) {
        double e = ctx.state(t).latency.ewma();
        if (Double.isNaN(e)) {
          return -1;
        }
        best = Math.min(best, e);
      }
      return best;
    }

  }

  // ------------------------------------------------------------------ cost

  static final class Cost extends Composite {
    Cost(List<RouteNode> members) {
      super(members);
    }

    @Override
    <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
      List<RouteNode> order = availableOrFail(ctx);
      String requested = ctx.exchange().requestedModel();
      PriceTable prices = ctx.prices();
      // stable sort: members without a known price keep their order, after the priced ones
      order.sort(Comparator.comparing(m -> price(prices, m, requested),
          Comparator.nullsLast(Comparator.naturalOrder())));
      return inOrder(ctx, order, runner, Set.of());
    }

    private static @Nullable BigDecimal price(PriceTable prices, RouteNode m, @Nullable String requested) {
      BigDecimal best = null;
      for (TargetRuntime t : m.targets()) {
        PriceTable.Price p = prices.price(t.info.providerType(), t.model(requested == null ? "" : requested));
        if (p != null && (best == null || p.blended().compareTo(best) < 0)) {
          best = p.blended();
        }
      }
      return best;
    }

  }
}
