package dev.aegis.core.routing;

import dev.aegis.api.internal.Checks;
import java.util.List;

/**
 * How a model alias picks its target: a tree whose leaves are {@link Target}s. Strategies are
 * composable: where a strategy takes members, a member may itself be a strategy.
 *
 * <pre>{@code
 * Strategy smart = Strategy.single(Target.of("openai", "gpt-4o"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public abstract class Strategy {

  Strategy() {}

  /** Always the one target. */
  public static Strategy single(Target target) {
    return new Single(Checks.notNull(target, "target"));
  }

  /** The strategy's kind name, as in configuration ({@code single}, ...). */
  public abstract String kind();

  /** Every target in this tree, depth first. */
  public abstract List<Target> targets();

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
    public List<Target> targets() {
      return List.of(target);
    }

    @Override
    public String toString() {
      return "single(" + target.name() + ")";
    }
  }
}
