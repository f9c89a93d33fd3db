package dev.aegis.core.config.internal;

import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.error.ConfigException;
import dev.aegis.core.config.StrategyFactory;
import dev.aegis.core.resilience.CircuitBreakerPolicy;
import dev.aegis.core.resilience.RetryPolicy;
import dev.aegis.core.routing.Condition;
import dev.aegis.core.routing.FallbackTrigger;
import dev.aegis.core.routing.Strategy;
import dev.aegis.core.routing.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in strategy types, one public nested factory per {@code type} (as
 * {@link java.util.ServiceLoader} needs). Each builds the same {@link Strategy} the builder's
 * static methods do.
 */
public abstract class BuiltInStrategies implements StrategyFactory {
  private final String type;
  private final String description;

  BuiltInStrategies(String type, String description) {
    this.type = type;
    this.description = description;
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final String description() {
    return description;
  }

  static Strategy[] members(Settings s, Members members) {
    List<Strategy> out = new ArrayList<>();
    for (Settings m : s.objects("targets")) {
      out.add(members.build(m));
    }
    if (out.isEmpty()) {
      throw s.problem("targets", "needs at least one member");
    }
    return out.toArray(new Strategy[0]);
  }

  /** Type {@code single}: one target. */
  public static final class Single extends BuiltInStrategies {
    public Single() { super("single", "One target: a provider instance and, optionally, a model."); }

    @Override
    public SettingsSpec settings() {
      return Schema.TARGET;
    }

    @Override
    public Strategy create(Settings s, Members members) {
      // a member's weight is its share in the weighted strategy around it, not a target setting
      return Strategy.single(target(s));
    }

    static Target target(Settings s) {
      String provider = s.string("provider", "");
      String model = s.string("model");
      String name = s.string("name", model == null ? provider : provider + "/" + model);
      Target.Builder b = Target.builder(name).provider(provider).model(model)
          .maxConcurrency((int) s.integer("maxConcurrency", 0));
      s.strings("tags").forEach(b::tag);
      for (Map.Entry<String, String> e : s.map("params").entrySet()) {
        b.param(e.getKey(), param(e.getValue()));
      }
      s.map("headers").forEach(b::header);
      Settings retry = s.object("retry");
      if (retry != null) {
        b.retry(RetryPolicy.builder().maxAttempts((int) retry.integer("maxAttempts", 1))
            .initialDelay(retry.duration("initialDelay", Duration.ofMillis(200)))
            .maxDelay(retry.duration("maxDelay", Duration.ofSeconds(10))).multiplier(retry.decimal("multiplier", 2))
            .maxRetryAfter(retry.duration("maxRetryAfter", Duration.ofSeconds(30))).build());
      }
      Settings cb = s.object("circuitBreaker");
      if (cb != null) {
        b.circuitBreaker(!cb.bool("enabled", true) ? CircuitBreakerPolicy.DISABLED : CircuitBreakerPolicy.builder()
            .consecutiveFailures((int) cb.integer("consecutiveFailures", 5))
            .failureRateThreshold(cb.decimal("failureRateThreshold", 0.5)).window((int) cb.integer("window", 20))
            .minimumRequests((int) cb.integer("minimumRequests", 10))
            .openDuration(cb.duration("openDuration", Duration.ofSeconds(30)))
            .halfOpenProbes((int) cb.integer("halfOpenProbes", 1)).countRateLimits(cb.bool("countRateLimits", true))
            .build());
      }
      b.attemptTimeout(s.duration("attemptTimeout")).firstChunkTimeout(s.duration("firstChunkTimeout"))
          .idleTimeout(s.duration("idleTimeout"));
      return b.build();
    }

    /** A parameter as the request would carry it: a number or boolean where the text is one. */
    static Object param(String v) {
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException notLong) {
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException notNumber) {
          return v;
        }
      }
    }
  }

  /** Type {@code fallback}. */
  public static final class Fallback extends BuiltInStrategies {
    public Fallback() { super("fallback", "Each member in order until one answers."); }

    @Override
    public SettingsSpec settings() {
      List<String> triggers = new ArrayList<>();
      for (FallbackTrigger t : FallbackTrigger.values()) {
        triggers.add(t.name().toLowerCase(Locale.ROOT));
      }
      return SettingsSpec.of(TARGETS, Setting.builder("on", SettingType.STRING_LIST)
          .doc("Non-retryable errors that also fall back: " + String.join(", ", triggers) + ".").build());
    }

    @Override
    public Strategy create(Settings s, Members members) {
      Strategy.Fallback f = Strategy.fallback(members(s, members));
      List<FallbackTrigger> on = new ArrayList<>();
      for (int i = 0; i < s.strings("on").size(); i++) {
        String t = s.strings("on").get(i);
        try {
          on.add(FallbackTrigger.valueOf(t.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          List<String> known = new ArrayList<>();
          for (FallbackTrigger k : FallbackTrigger.values()) known.add(k.name().toLowerCase(Locale.ROOT));
          throw ConfigException.of(s.path("on") + "[" + i + "]", "unknown trigger '" + t + "'"
              + Suggestions.hint(t, known));
        }
      }
      return on.isEmpty() ? f : f.fallbackOn(on.toArray(new FallbackTrigger[0]));
    }
  }

  /** Type {@code weighted}. */
  public static final class Weighted extends BuiltInStrategies {
    public Weighted() { super("weighted", "Members picked at random by weight."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(TARGETS, Setting.builder("fallbackToRemaining", SettingType.BOOLEAN)
          .doc("On failure, try the other members by weight.").defaultValue("true").build());
    }

    @Override
    public Strategy create(Settings s, Members members) {
      Strategy.Weighted.Builder b = Strategy.weighted();
      Strategy[] built = members(s, members);
      for (int i = 0; i < built.length; i++) {
        b.add(built[i], (int) s.objects("targets").get(i).integer("weight", 1));
      }
      return b.fallbackToRemaining(s.bool("fallbackToRemaining", true)).build();
    }
  }

  /** Type {@code least-latency}. */
  public static final class LeastLatency extends BuiltInStrategies {
    public LeastLatency() { super("least-latency", "The member with the lowest recent latency."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(TARGETS, Setting.builder("exploration", SettingType.DECIMAL)
          .doc("The share of requests sent to a random member to keep estimates fresh.").min(0, false).build());
    }

    @Override
    public Strategy create(Settings s, Members members) {
      Strategy.LeastLatency l = Strategy.leastLatency(members(s, members));
      Double e = s.decimal("exploration");
      return e == null ? l : l.exploration(e);
    }
  }

  /** Type {@code cost}. */
  public static final class Cost extends BuiltInStrategies {
    public Cost() { super("cost", "The cheapest member for the request, by the price table."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(TARGETS);
    }

    @Override
    public Strategy create(Settings s, Members members) {
      return Strategy.cost(members(s, members));
    }
  }

  /** Type {@code hedged}. */
  public static final class Hedged extends BuiltInStrategies {
    public Hedged() { super("hedged", "The first member, and the next after a delay if it is slow; first answer wins."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(TARGETS, Setting.builder("delay", SettingType.DURATION)
          .doc("When to start the next member; default: the first member's p95 latency.").min(0, true).build());
    }

    @Override
    public Strategy create(Settings s, Members members) {
      Duration d = s.duration("delay");
      return d == null ? Strategy.hedgedAtP95(members(s, members)) : Strategy.hedged(d, members(s, members));
    }
  }

  /** Type {@code conditional}. */
  public static final class Conditional extends BuiltInStrategies {
    static final SettingsSpec WHEN = SettingsSpec.of(
        Setting.builder("field", SettingType.STRING)
            .doc("What to test: model, tenant, principal, metadata.<key> or label.<name>.").required().build(),
        Setting.builder("eq", SettingType.STRING).doc("Equal to.").build(),
        Setting.builder("ne", SettingType.STRING).doc("Not equal to.").build(),
        Setting.builder("in", SettingType.STRING_LIST).doc("One of.").build(),
        Setting.builder("notIn", SettingType.STRING_LIST).doc("None of.").build(),
        Setting.builder("prefix", SettingType.STRING).doc("Starts with.").build(),
        Setting.builder("glob", SettingType.STRING).doc("Matches the glob (* and ?).").build(),
        Setting.builder("regex", SettingType.STRING).doc("Matches the regular expression, whole.").build(),
        Setting.builder("exists", SettingType.BOOLEAN).doc("Has a value (true) or none (false).").build(),
        Setting.builder("then", SettingType.OBJECT).doc("The route when the condition holds.").required()
            .nested(MEMBER).typed("strategy").build());

    public Conditional() { super("conditional", "The first branch whose condition holds, else otherwise."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(
          Setting.builder("when", SettingType.OBJECT_LIST).doc("The branches, in order.").required().nested(WHEN)
              .build(),
          Setting.builder("otherwise", SettingType.OBJECT).doc("The route when no branch holds.").nested(MEMBER)
              .typed("strategy").build());
    }

    @Override
    public Strategy create(Settings s, Members members) {
      Strategy.Conditional.Builder b = Strategy.conditional();
      List<ConfigException.Problem> problems = new ArrayList<>();
      for (Settings w : s.objects("when")) {
        try {
          b.when(condition(w), members.build(w.object("then")));
        } catch (ConfigException e) {
          problems.addAll(e.problems());
        }
      }
      if (s.object("otherwise") != null) {
        b.otherwise(members.build(s.object("otherwise")));
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return b.build();
    }

    private static Condition condition(Settings w) {
      String field = w.string("field", "");
      Condition.Field f;
      if (field.equals("model")) {
        f = Condition.model();
      } else if (field.equals("tenant")) {
        f = Condition.tenant();
      } else if (field.equals("principal")) {
        f = Condition.principal();
      } else if (field.startsWith("metadata.") && field.length() > 9) {
        f = Condition.metadata(field.substring(9));
      } else if (field.startsWith("label.") && field.length() > 6) {
        f = Condition.label(field.substring(6));
      } else {
        throw w.problem("field", "must be model, tenant, principal, metadata.<key> or label.<name> but was '"
            + field + "'");
      }
      List<Condition> all = new ArrayList<>();
      if (w.has("eq")) all.add(f.eq(w.string("eq")));
      if (w.has("ne")) all.add(f.ne(w.string("ne")));
      if (w.has("in")) all.add(f.in(w.strings("in").toArray(new String[0])));
      if (w.has("notIn")) all.add(f.notIn(w.strings("notIn").toArray(new String[0])));
      if (w.has("prefix")) all.add(f.prefix(w.string("prefix")));
      if (w.has("glob")) all.add(f.glob(w.string("glob")));
      if (w.has("regex")) {
        try {
          all.add(f.regex(w.string("regex")));
        } catch (IllegalArgumentException e) {
          throw w.problem("regex", "is not a valid regular expression");
        }
      }
      if (w.has("exists")) all.add(w.bool("exists", true) ? f.exists() : Condition.not(f.exists()));
      if (all.isEmpty()) {
        throw w.problem("field", "needs a test: eq, ne, in, notIn, prefix, glob, regex or exists");
      }
      return all.size() == 1 ? all.get(0) : Condition.allOf(all);
    }
  }
}
