package dev.aegis.core.internal;

import dev.aegis.api.error.ErrorKind;
import dev.aegis.api.error.GatewayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The hedged strategy: starts the first member, and when it has not answered (for a stream: no
 * first content) within the hedge delay, starts the next one beside it; the first success wins
 * and the others are cancelled. The delay is the configured one, or the first target's observed
 * p95 latency. Members run on the gateway's executor; the delay is a task on the injected
 * scheduler, so a test moves time by hand and waits for nothing.
 *
 * <p>Immutable; shared by all requests of a configuration snapshot.
 */
final class HedgedNode extends RouteNode.Composite {
  /** The hedge delay before the first member has enough latency samples for a p95. */
  static final long DEFAULT_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final @Nullable Duration delay;

  HedgedNode(List<RouteNode> members, @Nullable Duration delay) {
    super(members);
    this.delay = delay;
  }

  /** A member's result, or (with {@code timer} set) the hedge delay of that timer generation passing. */
  private static final class Result {
    final int branch;
    final @Nullable Object value;
    final @Nullable GatewayException error;
    final boolean timer;

    Result(int branch, @Nullable Object value, @Nullable GatewayException error, boolean timer) {
      this.branch = branch;
      this.value = value;
      this.error = error;
      this.timer = timer;
    }
  }

  /** One execution's moving parts: the queue members and timers report to, and the current timer. */
  private static final class Race {
    final LinkedBlockingQueue<Result> done = new LinkedBlockingQueue<>();
    final List<RouteContext> branches = new ArrayList<>();
    @Nullable ScheduledFuture<?> timer;
    int generation;

    /** (Re)starts the hedge delay, unless no member is left to start. */
    void arm(RouteContext ctx, long delayNanos, boolean more) {
      disarm();
      if (more) {
        int g = ++generation;
        timer = ctx.schedule(() -> done.add(new Result(g, null, null, true)), delayNanos);
      }
    }

    void disarm() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
        timer = null;
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  <R> R execute(RouteContext ctx, AttemptRunner<R> runner) {
    List<RouteNode> order = availableOrFail(ctx);
    long delayNanos = delay != null ? delay.toNanos()
        : ctx.state(order.get(0).targets().get(0)).latency.p95(DEFAULT_DELAY_NANOS);
    Race race = new Race();
    int launched = 0;
    int running = 0;
    GatewayException last = null;
    try {
      launch(ctx, order.get(launched), runner, race, launched++);
      running++;
      race.arm(ctx, delayNanos, launched < order.size());
      while (true) {
        Result r = race.done.take();
        if (r.timer) {
          if (r.branch == race.generation && launched < order.size() && !ctx.committed()) {
            // no answer within the delay: hedge
            ctx.observer().hedgeFired(launched, first(order.get(launched)));
            launch(ctx, order.get(launched), runner, race, launched++);
            running++;
            race.arm(ctx, delayNanos, launched < order.size());
          }
          continue;
        }
        running--;
        if (r.error == null) {
          cancelOthers(race.branches, r.branch);
          if (launched > 1) {
            ctx.observer().hedgeWon(r.branch, first(order.get(r.branch)));
          }
          return (R) r.value;
        }
        if (last == null || !isLoserCancellation(r.error)) {
          last = r.error;
        }
        if (!ctx.mayMoveOn(r.error, Set.of()) && !isLoserCancellation(r.error)) {
          cancelOthers(race.branches, -1);
          throw r.error;
        }
        if (running == 0) {
          if (launched < order.size() && !ctx.committed()) {
            ctx.movedOn(r.error);
            launch(ctx, order.get(launched), runner, race, launched++);
            running++;
            race.arm(ctx, delayNanos, launched < order.size());
          } else {
            throw last;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelOthers(race.branches, -1);
      ctx.cancel("interrupted");
      throw last != null ? last : ctx.noRoute("interrupted while hedging");
    } finally {
      race.disarm();
    }
  }

  private static String first(RouteNode member) {
    return member.targets().get(0).name();
  }

  private static boolean isLoserCancellation(GatewayException e) {
    return e.kind() == ErrorKind.CANCELLED;
  }

  private static <R> void launch(RouteContext ctx, RouteNode member, AttemptRunner<R> runner, Race race, int index) {
    RouteContext branch = ctx.branch();
    race.branches.add(branch);
    LinkedBlockingQueue<Result> done = race.done;
    try {
      ctx.executor().execute(() -> {
        try {
          done.add(new Result(index, member.execute(branch, runner), null, false));
        } catch (GatewayException e) {
          done.add(new Result(index, null, e, false));
        } catch (RuntimeException e) {
          done.add(new Result(index, null, new GatewayException(ErrorKind.INTERNAL,
              "hedge branch failed: " + e, false, e), false));
        }
      });
    } catch (RejectedExecutionException e) {
      done.add(new Result(index, null, new GatewayException(ErrorKind.UNAVAILABLE, "the gateway is closed", true, e),
          false));
    }
  }

  private static void cancelOthers(List<RouteContext> branches, int winner) {
    for (int i = 0; i < branches.size(); i++) {
      if (i != winner) {
        branches.get(i).cancel("lost the hedge");
      }
    }
  }
}
