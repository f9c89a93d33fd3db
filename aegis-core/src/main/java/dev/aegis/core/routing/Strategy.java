package dev.aegis.core.routing;

import dev.aegis.api.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a model alias picks its target: a tree whose leaves are {@link Target}s. Every strategy is
 * composable: where a strategy takes members, a member may itself be a strategy. Before any
 * strategy chooses, at every level, targets that a plugin finds ineligible (residency,
 * capabilities, allow-lists), whose circuit is open or whose bulkhead is full are set aside.
 *
 * <pre>{@code
 * Strategy smart = Strategy.fallback(
 *     Strategy.weighted().add(Target.of("openai-a", "gpt-4o"), 3).add(Target.of("openai-b", "gpt-4o"), 1).build(),
 *     Strategy.single(Target.of("anthropic", "claude-sonnet-4-5")))
 *   .fallbackOn(FallbackTrigger.CONTEXT_LENGTH_EXCEEDED);
 * }</pre>
 *
 * <p>Why one file of over 400 lines: the strategies are a closed family of small public value
 * types whose nested names ({@code Strategy.Weighted.Builder}, {@code Strategy.Hedged}) are part
 * of the API and of the configuration mapping; each nested type is short and holds no logic
 * beyond validation. Their behaviour lives in the engine's route nodes.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class Strategy {

  Strategy() {}

  /** The strategy's kind name, as in configuration ({@code single}, {@code fallback}, ...). */
  public abstract String kind();

  /** The members of a composite strategy; empty for {@code single}. */
  public abstract List<Strategy> members();

  /** Every target in this tree, depth first. */
  public List<Target> targets() {
    List<Target> all = new ArrayList<>();
    for (Strategy m : members()) {
      all.addAll(m.targets());
    }
    return all;
  }

  /** Always the one target. */
  public static Single single(Target target) {
    return new Single(Checks.notNull(target, "target"));
  }

  /** Members in order: the next is tried when the previous fails with a retryable error. */
  public static Fallback fallback(Strategy... members) {
    return new Fallback(members(members), EnumSet.noneOf(FallbackTrigger.class));
  }

  /** Targets in order, each as {@code single}. */
  public static Fallback fallback(Target... targets) {
    List<Strategy> ms = new ArrayList<>();
    for (Target t : Checks.notNull(targets, "targets")) {
      ms.add(single(t));
    }
    return new Fallback(members(ms.toArray(new Strategy[0])), EnumSet.noneOf(FallbackTrigger.class));
  }

  /** A weighted random choice; build with {@link Weighted.Builder#add}. */
  public static Weighted.Builder weighted() {
    return new Weighted.Builder();
  }

  /** Rules evaluated in order; build with {@link Conditional.Builder#when}. */
  public static Conditional.Builder conditional() {
    return new Conditional.Builder();
  }

  /** The member with the lowest moving latency estimate, exploring others now and then. */
  public static LeastLatency leastLatency(Strategy... members) {
    return new LeastLatency(members(members), 0.05);
  }

  /** The cheapest member by the gateway's {@link PriceTable}; the next cheapest on failure. */
  public static Cost cost(Strategy... members) {
    return new Cost(members(members));
  }

  /**
   * Sends to the first member; when it has not produced its first byte within {@code delay},
   * sends the same request to the next as well. The first success wins; the others are
   * cancelled.
   */
  public static Hedged hedged(Duration delay, Strategy... members) {
    return new Hedged(members(members), Checks.notNull(delay, "delay"));
  }

  /** As {@link #hedged(Duration, Strategy...)}, with the delay set to the first member's observed p95 latency. */
  public static Hedged hedgedAtP95(Strategy... members) {
    return new Hedged(members(members), null);
  }

  private static List<Strategy> members(Strategy[] members) {
    Checks.notNull(members, "members");
    if (members.length == 0) {
      throw new IllegalArgumentException("a composite strategy needs at least one member");
    }
    List<Strategy> list = new ArrayList<>(members.length);
    for (Strategy m : members) {
      list.add(Checks.notNull(m, "member"));
    }
    return List.copyOf(list);
  }

  /** A strategy that always sends to one target. Immutable and thread-safe. */
  public static final class Single extends Strategy {
    private final Target target;

    Single(Target target) {
      this.target = target;
    }

    public Target target() {
      return target;
    }

    @Override
    public String kind() {
      return "single";
    }

    @Override
    public List<Strategy> members() {
      return List.of();
    }

    @Override
    public List<Target> targets() {
      return List.of(target);
    }

    @Override
    public String toString() {
      return target.name();
    }
  }

  /** Ordered fallback. Immutable and thread-safe. */
  public static final class Fallback extends Strategy {
    private final List<Strategy> members;
    private final Set<FallbackTrigger> triggers;

    Fallback(List<Strategy> members, Set<FallbackTrigger> triggers) {
      this.members = members;
      this.triggers = Set.copyOf(triggers);
    }

    /** Also falls back on these non-retryable errors. */
    public Fallback fallbackOn(FallbackTrigger... triggers) {
      Set<FallbackTrigger> all = new LinkedHashSet<>(this.triggers);
      all.addAll(List.of(triggers));
      return new Fallback(members, all);
    }

    public Set<FallbackTrigger> triggers() {
      return triggers;
    }

    @Override
    public String kind() {
      return "fallback";
    }

    @Override
    public List<Strategy> members() {
      return members;
    }

    @Override
    public String toString() {
      return "fallback" + members + (triggers.isEmpty() ? "" : " on " + triggers);
    }
  }

  /** Weighted random choice. Immutable and thread-safe. */
  public static final class Weighted extends Strategy {
    private final List<Strategy> members;
    private final List<Integer> weights;
    private final boolean fallbackToRemaining;

    Weighted(List<Strategy> members, List<Integer> weights, boolean fallbackToRemaining) {
      this.members = List.copyOf(members);
      this.weights = List.copyOf(weights);
      this.fallbackToRemaining = fallbackToRemaining;
    }

    public List<Integer> weights() {
      return weights;
    }

    /** Whether a failure moves on to the remaining members, in weighted order. */
    public boolean fallbackToRemaining() {
      return fallbackToRemaining;
    }

    @Override
    public String kind() {
      return "weighted";
    }

    @Override
    public List<Strategy> members() {
      return members;
    }

    @Override
    public String toString() {
      return "weighted" + members + weights;
    }

    /** Builds a {@link Weighted}. Not thread-safe. */
    public static final class Builder {
      private final List<Strategy> members = new ArrayList<>();
      private final List<Integer> weights = new ArrayList<>();
      private boolean fallbackToRemaining = true;

      Builder() {}

      /** Adds a target with its own {@link Target#weight()}. */
      public Builder add(Target target) {
        return add(single(target), target.weight());
      }

      public Builder add(Target target, int weight) {
        return add(single(target), weight);
      }

      public Builder add(Strategy member, int weight) {
        members.add(Checks.notNull(member, "member"));
        weights.add(Checks.nonNegative(weight, "weight"));
        return this;
      }

      public Builder fallbackToRemaining(boolean fallback) {
        this.fallbackToRemaining = fallback;
        return this;
      }

      public Weighted build() {
        if (members.isEmpty()) {
          throw new IllegalArgumentException("a weighted strategy needs at least one member");
        }
        return new Weighted(members, weights, fallbackToRemaining);
      }
    }
  }

  /** Ordered rules; no match and no default is an error. Immutable and thread-safe. */
  public static final class Conditional extends Strategy {
    private final List<Condition> conditions;
    private final List<Strategy> branches;
    private final @Nullable Strategy otherwise;

    Conditional(List<Condition> conditions, List<Strategy> branches, @Nullable Strategy otherwise) {
      this.conditions = List.copyOf(conditions);
      this.branches = List.copyOf(branches);
      this.otherwise = otherwise;
    }

    public List<Condition> conditions() {
      return conditions;
    }

    public List<Strategy> branches() {
      return branches;
    }

    public @Nullable Strategy otherwise() {
      return otherwise;
    }

    @Override
    public String kind() {
      return "conditional";
    }

    @Override
    public List<Strategy> members() {
      List<Strategy> all = new ArrayList<>(branches);
      if (otherwise != null) {
        all.add(otherwise);
      }
      return all;
    }

    @Override
    public String toString() {
      return "conditional" + members();
    }

    /** Builds a {@link Conditional}. Not thread-safe. */
    public static final class Builder {
      private final List<Condition> conditions = new ArrayList<>();
      private final List<Strategy> branches = new ArrayList<>();
      private @Nullable Strategy otherwise;

      Builder() {}

      public Builder when(Condition condition, Strategy then) {
        conditions.add(Checks.notNull(condition, "condition"));
        branches.add(Checks.notNull(then, "then"));
        return this;
      }

      public Builder when(Condition condition, Target then) {
        return when(condition, single(then));
      }

      /** The default when no rule matches. */
      public Builder otherwise(Strategy strategy) {
        this.otherwise = Checks.notNull(strategy, "otherwise");
        return this;
      }

      public Conditional build() {
        if (conditions.isEmpty() && otherwise == null) {
          throw new IllegalArgumentException("a conditional strategy needs a rule or a default");
        }
        return new Conditional(conditions, branches, otherwise);
      }
    }
  }

  /** Lowest moving latency estimate, with exploration. Immutable and thread-safe. */
  public static final class LeastLatency extends Strategy {
    private final List<Strategy> members;
    private final double exploration;

    LeastLatency(List<Strategy> members, double exploration) {
      this.members = members;
      this.exploration = exploration;
    }

    /** The share of requests (0..1) sent to a random other member so its estimate stays fresh. */
    public LeastLatency exploration(double rate) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("exploration must be in [0,1] but was " + rate);
      }
      return new LeastLatency(members, rate);
    }

    public double exploration() {
      return exploration;
    }

    @Override
    public String kind() {
      return "least-latency";
    }

    @Override
    public List<Strategy> members() {
      return members;
    }

    @Override
    public String toString() {
      return "least-latency" + members;
    }
  }

  /** Cheapest first. Immutable and thread-safe. */
  public static final class Cost extends Strategy {
    private final List<Strategy> members;

    Cost(List<Strategy> members) {
      this.members = members;
    }

    @Override
    public String kind() {
      return "cost";
    }

    @Override
    public List<Strategy> members() {
      return members;
    }

    @Override
    public String toString() {
      return "cost" + members;
    }
  }

  /** Hedged requests. Immutable and thread-safe. */
  public static final class Hedged extends Strategy {
    private final List<Strategy> members;
    private final @Nullable Duration delay;

    Hedged(List<Strategy> members, @Nullable Duration delay) {
      this.members = members;
      this.delay = delay;
    }

    /** The fixed hedge delay, or {@code null} for the first member's observed p95. */
    public @Nullable Duration delay() {
      return delay;
    }

    @Override
    public String kind() {
      return "hedged";
    }

    @Override
    public List<Strategy> members() {
      return members;
    }

    @Override
    public String toString() {
      return "hedged" + members;
    }
  }
}
