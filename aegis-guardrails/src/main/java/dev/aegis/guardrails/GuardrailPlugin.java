package dev.aegis.guardrails;

import dev.aegis.api.chat.ChatResponse;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Finding;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.api.guardrail.TokenEstimator;
import dev.aegis.api.plugin.Classification;
import dev.aegis.api.plugin.Eligibility;
import dev.aegis.api.plugin.Exchange;
import dev.aegis.api.plugin.LabelKey;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.api.plugin.RequestDecision;
import dev.aegis.api.plugin.ResponseDecision;
import dev.aegis.api.plugin.SplitPlugin;
import dev.aegis.api.plugin.StreamTransformer;
import dev.aegis.api.plugin.TargetInfo;
import dev.aegis.guardrails.detect.Detectors;
import dev.aegis.guardrails.detect.FindingTypes;
import dev.aegis.guardrails.detect.KeywordDetector;
import dev.aegis.guardrails.detect.PromptInjectionDetector;
import dev.aegis.guardrails.internal.Guard;
import dev.aegis.guardrails.internal.GuardProfiles;
import dev.aegis.guardrails.internal.GuardStage;
import dev.aegis.guardrails.internal.Policy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The guardrail plugin: runs detectors over everything a request sends and everything an answer
 * returns, and applies each rule's {@link Action}.
 *
 * <ul>
 *   <li><b>Input</b> ({@code onRequest}, identical for {@code route}, {@code routeAsync},
 *       {@code routeStream} and {@code embed}): every message's text, tool-call arguments, tool
 *       results, tool definitions (description and parameter schema) and embedding inputs. Limits
 *       on messages, characters and estimated tokens are checked first.</li>
 *   <li><b>Classification</b>: input findings map to the {@link Classification#LABEL} label
 *       <em>before</em> masking, so a masked prompt never classifies as {@code PUBLIC}; the plugin
 *       is the only writer (request metadata is ignored) and labels only move stricter. A request
 *       labelled {@code RESTRICTED} is eligible only for targets declared local; with none left
 *       the gateway refuses it with a {@link dev.aegis.api.error.NoRouteException}.</li>
 *   <li><b>Masking</b>: {@link Action#MASK} replaces values with deterministic placeholders
 *       ({@code <EMAIL_1>}); the answer is unmasked before it reaches the caller, in streams too
 *       (a placeholder split across chunks is held until complete). The mask map lives only in
 *       the request's private attributes.</li>
 *   <li><b>Output</b> ({@code onResponse}, {@code onStream}): the assembled answer, or the text
 *       deltas of a stream scanned in a bounded window (default {@value #DEFAULT_WINDOW}
 *       characters) so matches across chunk boundaries are caught and blocked text is never
 *       delivered. PII in the answer that the request did not contain is reported as
 *       hallucinated ({@link Action#WARN} by default).</li>
 * </ul>
 *
 * <p>The {@linkplain Builder#defaults() defaults}:
 * <table>
 *   <caption>Default rules</caption>
 *   <tr><th>rule</th><th>detector</th><th>action</th><th>scope</th></tr>
 *   <tr><td>email, phone</td><td>{@link Detectors#email()}, {@link Detectors#phone()}</td><td>MASK</td><td>input</td></tr>
 *   <tr><td>payment-card, us-ssn, ca-sin, iban</td><td>cards, SSN, SIN, IBAN</td><td>MASK</td><td>input</td></tr>
 *   <tr><td>ip-address</td><td>{@link Detectors#ipAddress()}</td><td>LOG</td><td>input</td></tr>
 *   <tr><td>secrets</td><td>{@link Detectors#secrets()}</td><td>BLOCK</td><td>both</td></tr>
 *   <tr><td>prompt-injection</td><td>{@link Detectors#promptInjection()}</td><td>WARN</td><td>input</td></tr>
 * </table>
 * and hallucinated PII: WARN. Default classification: cards, SSN, SIN, IBAN → RESTRICTED;
 * secrets → CONFIDENTIAL; email, phone, IP address → INTERNAL; nothing mapped → PUBLIC.
 *
 * <p>Not scanned: image parts, reasoning blocks (their provider signature covers the text, so
 * they are neither rewritten nor unmasked), and in streams the refusal and reasoning deltas
 * (they pass through in order). WARN findings of a stream's output
 * are published as events; the response metadata may already have reached the caller.
 *
 * <pre>{@code
 * GuardrailPlugin guardrails = GuardrailPlugin.builder()
 *     .defaults()
 *     .rule("secrets", Detectors.secrets(), Action.REDACT)          // replaces the default rule
 *     .keywords("project-names", Action.BLOCK, List.of("Project Falcon"))
 *     .regex("employee-id", "EMP-\\d{6}", Action.MASK)
 *     .maxInputTokens(32_000)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: one instance serves all requests.
 */
public final class GuardrailPlugin implements SplitPlugin {
  /** The default stream window in characters. */
  public static final int DEFAULT_WINDOW = 256;
  /** The response-metadata attribute listing WARN findings (rule, direction, types; never values). */
  public static final String WARNINGS_ATTRIBUTE = Guard.WARNINGS;

  /**
   * The request label that picks a {@linkplain Builder#profile(String, GuardrailPlugin) profile};
   * a virtual key's {@code KeyPolicy.guardrailProfile()} sets it.
   */
  public static final LabelKey<String> PROFILE = LabelKey.of("guardrail_profile");

  private final Guard guard;
  /** This plugin's guard and its named profiles' (no label lookup when there are none). */
  private final GuardProfiles guards;
  private final Plugin inputStage;
  private final Plugin outputStage;

  private GuardrailPlugin(Policy policy, Map<String, Guard> profiles) {
    this.guards = new GuardProfiles(new Guard(policy), profiles, PROFILE);
    this.guard = guards.own();
    this.inputStage = new GuardStage(guards, true);
    this.outputStage = new GuardStage(guards, false);
  }

  private Guard guard(Exchange exchange) {
    return guards.of(exchange);
  }

  /** The names of the profiles a request may pick through the {@link #PROFILE} label. */
  public Set<String> profiles() {
    return guards.names();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A plugin with the {@linkplain Builder#defaults() default rules}. */
  public static GuardrailPlugin defaults() {
    return builder().defaults().build();
  }

  @Override
  public String name() {
    return guard.policy().plugin();
  }

  @Override
  public RequestDecision onRequest(Exchange exchange) {
    return guard(exchange).onRequest(exchange);
  }

  @Override
  public Eligibility eligible(Exchange exchange, TargetInfo target) {
    return guard(exchange).eligible(exchange, target);
  }

  @Override
  public ResponseDecision onResponse(Exchange exchange, ChatResponse response) {
    return guard(exchange).onResponse(exchange, response);
  }

  @Override
  public @Nullable StreamTransformer onStream(Exchange exchange) {
    return guard(exchange).onStream(exchange);
  }

  /**
   * The first half of this plugin, for a gateway with a response cache: input limits, scanning,
   * classification, masking and target eligibility on the way in, and only unmasking on the way
   * back. A gateway built with {@code Gateway.builder().cache(...)} places this half before the
   * cache and {@link #outputStage()} after it by itself, so that answers pass output scan → cache
   * → unmask and the cache holds scanned, still-masked answers only; by hand, that is:
   *
   * <pre>{@code
   * builder.plugin(guardrails.inputStage()).plugin(cache).plugin(guardrails.outputStage());
   * }</pre>
   *
   * The two halves share the request's state (its mask map) through the exchange; together they
   * do exactly what this plugin does alone, except that the output rules see the answer before
   * its placeholders are restored.
   */
  @Override
  public Plugin inputStage() {
    return inputStage;
  }

  /**
   * The second half of this plugin: the output rules (scan, redact, block) and the
   * hallucinated-PII check over answers and streams, without unmasking. See {@link #inputStage()}.
   */
  @Override
  public Plugin outputStage() {
    return outputStage;
  }

  /**
   * Runs every input rule's detector over {@code text} and returns the findings in start order,
   * without applying actions. The entry point for benchmarks and ad-hoc checks.
   */
  public List<Finding> scan(CharSequence text) {
    return guard.scan(text);
  }

  /** The rules that scan input and output, in configuration order. */
  public List<Rule> rules() {
    List<Rule> all = new ArrayList<>(guard.policy().inputRules());
    for (Rule r : guard.policy().outputRules()) {
      if (!all.contains(r)) {
        all.add(r);
      }
    }
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return "GuardrailPlugin[" + name() + ", " + rules().size() + " rules]";
  }

  /**
   * Builds a {@link GuardrailPlugin}. Rules are kept by name: adding a rule with the name of an
   * existing one replaces it in place. {@link #build()} reports every invalid setting at once in a
   * {@link ConfigException}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private String name = "guardrails";
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, Classification> classification = new LinkedHashMap<>();
    private @Nullable Action hallucinatedPii = Action.WARN;
    private List<Guardrail> piiDetectors = List.of(Detectors.email(), Detectors.phone(), Detectors.usSsn(),
        Detectors.paymentCard(), Detectors.iban(), Detectors.caSin(), Detectors.ipAddress());
    private int maxInputChars;
    private int maxInputTokens;
    private int maxMessages;
    private TokenEstimator estimator = TokenEstimator.CHARS_DIV_4;
    private int window = DEFAULT_WINDOW;
    private Clock clock = Clock.systemUTC();
    private final List<ConfigException.Problem> problems = new ArrayList<>(0);
    private final Map<String, Guard> profiles = new LinkedHashMap<>();

    private Builder() {
      classifyAll(List.of(FindingTypes.CREDIT_CARD, FindingTypes.SSN, FindingTypes.CA_SIN, FindingTypes.IBAN),
          Classification.RESTRICTED);
      classifyAll(FindingTypes.SECRETS, Classification.CONFIDENTIAL);
      classifyAll(List.of(FindingTypes.EMAIL, FindingTypes.PHONE, FindingTypes.IP_ADDRESS), Classification.INTERNAL);
    }

    private void classifyAll(Collection<String> types, Classification level) {
      types.stream().sorted().forEach(t -> classification.put(t, level));
    }

    /** The plugin name in errors and events (default {@code guardrails}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Adds the default rules (see {@link GuardrailPlugin}); later calls may replace them by name. */
    public Builder defaults() {
      rule(Rule.of("email", Detectors.email(), Action.MASK));
      rule(Rule.of("phone", Detectors.phone(), Action.MASK));
      rule(Rule.of("payment-card", Detectors.paymentCard(), Action.MASK));
      rule(Rule.of("us-ssn", Detectors.usSsn(), Action.MASK));
      rule(Rule.of("ca-sin", Detectors.caSin(), Action.MASK));
      rule(Rule.of("iban", Detectors.iban(), Action.MASK));
      rule(Rule.of("ip-address", Detectors.ipAddress(), Action.LOG).scope(Rule.Scope.INPUT));
      rule(Rule.of("secrets", Detectors.secrets(), Action.BLOCK));
      rule(Rule.of("prompt-injection", Detectors.promptInjection(), Action.WARN).scope(Rule.Scope.INPUT));
      return this;
    }

    /** Adds (or replaces, by name) a rule. */
    public Builder rule(Rule rule) {
      rules.put(rule.name(), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds (or replaces) a rule; see {@link Rule#of(String, Guardrail, Action)} for its scope. */
    public Builder rule(String name, Guardrail detector, Action action) {
      return rule(Rule.of(name, detector, action));
    }

    /** Removes a rule, e.g. one of the defaults. */
    public Builder removeRule(String name) {
      rules.remove(name);
      return this;
    }

    /**
     * Adds a whole-word keyword rule reporting type {@code KEYWORD}; for other options build a
     * {@link KeywordDetector} and pass it to {@link #rule(String, Guardrail, Action)}.
     */
    public Builder keywords(String name, Action action, Collection<String> keywords) {
      try {
        return rule(name, KeywordDetector.builder().name(name).addAll(keywords).build(), action);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        return this;
      }
    }

    /**
     * Adds a custom regular-expression rule; its finding type is the rule name upper-cased with
     * dashes as underscores ({@code employee-id} → {@code EMPLOYEE_ID}). An invalid pattern is
     * reported by {@link #build()} at {@code guardrails.rules.<name>.pattern}.
     */
    public Builder regex(String name, String pattern, Action action) {
      try {
        String type = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return rule(name, Detectors.regex(name, type, pattern), action);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        return this;
      }
    }

    /** Replaces the prompt-injection rule with one of the given threshold and action (input only). */
    public Builder promptInjection(double threshold, Action action) {
      try {
        return rule(Rule.of("prompt-injection", PromptInjectionDetector.withThreshold(threshold), action)
            .scope(Rule.Scope.INPUT));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
        return this;
      }
    }

    /** Maps a finding type to a classification (overriding the default mapping for that type). */
    public Builder classify(String type, Classification level) {
      classification.put(type.toUpperCase(Locale.ROOT), Objects.requireNonNull(level, "level"));
      return this;
    }

    /** Removes a finding type from the classification mapping. */
    public Builder unclassify(String type) {
      classification.remove(type.toUpperCase(Locale.ROOT));
      return this;
    }

    /** The action for PII in answers that was not in the request (default {@link Action#WARN}). */
    public Builder hallucinatedPii(Action action) {
      this.hallucinatedPii = Objects.requireNonNull(action, "action");
      return this;
    }

    /** Turns the hallucinated-PII check off. */
    public Builder noHallucinatedPiiCheck() {
      this.hallucinatedPii = null;
      return this;
    }

    /** The detectors that define PII for the hallucination check (default: all built-in PII). */
    public Builder hallucinationDetectors(List<? extends Guardrail> detectors) {
      this.piiDetectors = List.copyOf(detectors);
      return this;
    }

    /** Rejects requests with more characters of text than this (0, the default: no limit). */
    public Builder maxInputChars(int max) {
      this.maxInputChars = nonNegative(max, "guardrails.limits.maxInputChars");
      return this;
    }

    /** Rejects requests with more estimated tokens than this (0, the default: no limit). */
    public Builder maxInputTokens(int max) {
      this.maxInputTokens = nonNegative(max, "guardrails.limits.maxInputTokens");
      return this;
    }

    /** Rejects requests with more messages than this (0, the default: no limit). */
    public Builder maxMessages(int max) {
      this.maxMessages = nonNegative(max, "guardrails.limits.maxMessages");
      return this;
    }

    /** How input tokens are counted (default {@link TokenEstimator#CHARS_DIV_4}). */
    public Builder tokenEstimator(TokenEstimator estimator) {
      this.estimator = Objects.requireNonNull(estimator, "estimator");
      return this;
    }

    /**
     * Characters of streamed text held back for scanning (default {@value #DEFAULT_WINDOW}). Must
     * be at least as long as the longest match to catch, and at least 16.
     */
    public Builder streamWindow(int chars) {
      if (chars < 16) {
        problems.add(new ConfigException.Problem("guardrails.stream.window", "must be at least 16 but was " + chars));
      } else {
        this.window = chars;
      }
      return this;
    }

    /**
     * Adds (or replaces) a named profile: requests whose {@link #PROFILE} label names it (a
     * virtual key's guardrail profile) are checked by {@code profile}'s rules, limits and
     * classification instead of this builder's; other requests, and a label naming no profile,
     * by this builder's. The profile's own profiles are not consulted.
     */
    public Builder profile(String name, GuardrailPlugin profile) {
      profiles.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(profile, "profile").guard);
      return this;
    }

    /** The clock that timestamps events. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private int nonNegative(int value, String path) {
      if (value < 0) {
        problems.add(new ConfigException.Problem(path, "must not be negative but was " + value));
        return 0;
      }
      return value;
    }

    /**
     * @throws ConfigException listing every invalid setting
     */
    public GuardrailPlugin build() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      List<Rule> input = new ArrayList<>();
      List<Rule> output = new ArrayList<>();
      for (Rule r : rules.values()) {
        if (r.appliesToInput()) {
          input.add(r);
        }
        if (r.appliesToOutput()) {
          output.add(r);
        }
      }
      return new GuardrailPlugin(new Policy(name, input, output, classification, hallucinatedPii, piiDetectors,
          maxInputChars, maxInputTokens, maxMessages, estimator, window, clock), profiles);
    }
  }
}
