package dev.aegis.guardrails;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import java.util.Objects;

/**
 * A named guardrail rule: a detector, the action applied to what it finds, and where it runs.
 *
 * <pre>{@code
 * Rule cards = Rule.of("payment-card", Detectors.paymentCard(), Action.MASK).scope(Rule.Scope.INPUT);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Rule {

  /**
   * Where a rule runs.
   *
   * <p>Immutable and thread-safe.
   */
  public enum Scope {
    /** Request text: messages, tool-call arguments, tool results, tool definitions, embedding inputs. */
    INPUT,
    /** Answers: the assembled response and the text deltas of streams. */
    OUTPUT,
    /** Both. */
    BOTH;

    boolean input() {
      return this != OUTPUT;
    }

    boolean output() {
      return this != INPUT;
    }
  }

  private final String name;
  private final Guardrail detector;
  private final Action action;
  private final Scope scope;

  private Rule(String name, Guardrail detector, Action action, Scope scope) {
    if (name == null || name.isBlank()) {
      throw ConfigException.of("guardrails.rules", "a rule needs a non-blank name");
    }
    this.name = name;
    this.detector = Objects.requireNonNull(detector, "detector");
    this.action = Objects.requireNonNull(action, "action");
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * A rule over input and output ({@link Scope#BOTH}); a {@link Action#MASK} rule defaults to
   * {@link Scope#INPUT}, since the answer is unmasked rather than masked again.
   */
  public static Rule of(String name, Guardrail detector, Action action) {
    return new Rule(name, detector, action, action == Action.MASK ? Scope.INPUT : Scope.BOTH);
  }

  /** A copy of this rule running only where {@code scope} says. */
  public Rule scope(Scope scope) {
    return new Rule(name, detector, action, scope);
  }

  public String name() {
    return name;
  }

  public Guardrail detector() {
    return detector;
  }

  public Action action() {
    return action;
  }

  public Scope scope() {
    return scope;
  }

  /** Whether the rule scans request text. */
  public boolean appliesToInput() {
    return scope.input();
  }

  /** Whether the rule scans answers. */
  public boolean appliesToOutput() {
    return scope.output();
  }

  @Override
  public String toString() {
    return "Rule[" + name + ", " + detector.name() + ", " + action + ", " + scope + ']';
  }
}
