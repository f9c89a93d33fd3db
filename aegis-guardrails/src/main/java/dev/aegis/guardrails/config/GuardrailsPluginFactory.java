package dev.aegis.guardrails.config;

import dev.aegis.api.config.ConfigContext;
import dev.aegis.api.config.GuardrailFactory;
import dev.aegis.api.config.PluginFactory;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.api.plugin.Classification;
import dev.aegis.api.plugin.Plugin;
import dev.aegis.guardrails.Action;
import dev.aegis.guardrails.GuardrailPlugin;
import dev.aegis.guardrails.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The {@code guardrails} plugin type: a {@link GuardrailPlugin} with the default rules (unless
 * {@code defaults: false}) plus the {@code rules} listed, each naming a detector by {@code type}
 * ({@link GuardrailFactory}, so a third-party detector is configured like a built-in one).
 *
 * <pre>
 * plugins:
 *   - type: guardrails
 *     rules:
 *       - {type: regex, name: employee-id, pattern: "EMP-[0-9]{6}", action: redact}
 *       - {type: keywords, name: project-names, words: [bluebird], action: block}
 * </pre>
 *
 * <p>Thread-safe and stateless.
 */
public final class GuardrailsPluginFactory implements PluginFactory {
  private static final List<String> ACTIONS = List.of("block", "warn", "log", "redact", "mask");

  /** The settings every rule has, before its detector type's own. */
  public static final SettingsSpec RULE = SettingsSpec.of(
      Setting.builder("type", SettingType.STRING).doc("The detector type, e.g. pii, regex, keywords.").required().build(),
      Setting.builder("name", SettingType.STRING).doc("The rule name in events; default: the type.").build(),
      Setting.builder("action", SettingType.STRING).doc("What a finding does.").allowed(ACTIONS).required().build(),
      Setting.builder("scope", SettingType.STRING).doc("Where the rule looks; default both (input for mask).")
          .allowed("input", "output", "both").build());

  @Override
  public String type() {
    return "guardrails";
  }

  @Override
  public String description() {
    return "Detects PII, secrets, prompt injection and custom patterns; blocks, warns, logs, redacts or masks.";
  }

  @Override
  public SettingsSpec settings() {
    return SettingsSpec.of(
        Setting.builder("name", SettingType.STRING).doc("The plugin name in errors and events.")
            .defaultValue("guardrails").build()).and(PROFILE).and(SettingsSpec.of(
        Setting.builder("profiles", SettingType.OBJECT_MAP)
            .doc("Named rule sets a request picks by its guardrail_profile label (a virtual key's profile).")
            .nested(PROFILE).build()));
  }

  /** What a profile sets, and the plugin itself outside its profiles. */
  static final SettingsSpec PROFILE = profile();

  private static SettingsSpec profile() {
    return SettingsSpec.of(
        Setting.builder("defaults", SettingType.BOOLEAN).doc("Start from the default rules.").defaultValue("true")
            .build(),
        Setting.builder("rules", SettingType.OBJECT_LIST).doc("Rules added to (or replacing, by name) the defaults.")
            .nested(RULE).typed("guardrail").build(),
        Setting.builder("removeRules", SettingType.STRING_LIST).doc("Names of default rules to drop.").build(),
        Setting.builder("classify", SettingType.STRING_MAP)
            .doc("Finding type to classification (PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED).").build(),
        Setting.builder("unclassify", SettingType.STRING_LIST)
            .doc("Finding types removed from the default classification.").build(),
        Setting.builder("hallucinationDetectors", SettingType.STRING_LIST)
            .doc("The detector types that define PII for the hallucination check; default: every built-in PII type.")
            .build(),
        Setting.builder("hallucinatedPii", SettingType.STRING).doc("The action for PII in answers not in the request.")
            .defaultValue("warn").allowed("block", "warn", "log", "redact", "mask", "off").build(),
        Setting.builder("maxInputChars", SettingType.INTEGER).doc("Reject longer requests (0: no limit).")
            .defaultValue("0").min(0, false).build(),
        Setting.builder("maxInputTokens", SettingType.INTEGER).doc("Reject requests with more estimated tokens.")
            .defaultValue("0").min(0, false).build(),
        Setting.builder("maxMessages", SettingType.INTEGER).doc("Reject requests with more messages.")
            .defaultValue("0").min(0, false).build(),
        Setting.builder("streamWindow", SettingType.INTEGER).doc("Characters of streamed text held back for scanning.")
            .defaultValue(String.valueOf(GuardrailPlugin.DEFAULT_WINDOW)).min(16, false).build());
  }

  @Override
  public Plugin create(Settings s, ConfigContext context) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    String name = s.string("name", "guardrails");
    Map<String, GuardrailFactory> factories = factories();
    GuardrailPlugin.Builder b = configure(s, GuardrailPlugin.builder().name(name).clock(context.clock()), factories,
        problems);
    for (Map.Entry<String, Settings> p : s.objectMap("profiles").entrySet()) {
      GuardrailPlugin.Builder profile = configure(p.getValue(),
          GuardrailPlugin.builder().name(name + "." + p.getKey()).clock(context.clock()), factories, problems);
      try {
        b.profile(p.getKey(), profile.build());
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return b.build();
  }

  /** Applies one rule set (the plugin's own or a profile's) to {@code b}, collecting its problems. */
  private static GuardrailPlugin.Builder configure(Settings s, GuardrailPlugin.Builder b,
      Map<String, GuardrailFactory> factories, List<ConfigException.Problem> problems) {
    if (s.bool("defaults", true)) {
      b.defaults();
    }
    s.strings("removeRules").forEach(b::removeRule);
    for (Settings rule : s.objects("rules")) {
      String type = rule.string("type", "");
      GuardrailFactory f = factories.get(type);
      if (f == null) {
        problems.add(new ConfigException.Problem(rule.path("type"), "unknown guardrail type '" + type + "'"));
        continue;
      }
      try {
        Guardrail detector = f.create(rule);
        Action action = Action.valueOf(rule.string("action", "warn").toUpperCase(Locale.ROOT));
        Rule r = Rule.of(rule.string("name", type), detector, action);
        String scope = rule.string("scope");
        b.rule(scope == null ? r : r.scope(Rule.Scope.valueOf(scope.toUpperCase(Locale.ROOT))));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    for (Map.Entry<String, String> e : s.map("classify").entrySet()) {
      try {
        b.classify(e.getKey(), Classification.valueOf(e.getValue().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException bad) {
        problems.add(new ConfigException.Problem(s.path("classify") + "." + e.getKey(),
            "must be one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED but was '" + e.getValue() + "'"));
      }
    }
    s.strings("unclassify").forEach(b::unclassify);
    if (s.has("hallucinationDetectors")) {
      List<Guardrail> detectors = new ArrayList<>();
      List<String> types = s.strings("hallucinationDetectors");
      for (int i = 0; i < types.size(); i++) {
        GuardrailFactory f = factories.get(types.get(i));
        if (f == null || !f.settings().settings().isEmpty()) {
          problems.add(new ConfigException.Problem(s.path("hallucinationDetectors") + "[" + i + "]",
              (f == null ? "unknown guardrail type '" : "has settings of its own; name a detector type without any, not '")
                  + types.get(i) + "'"));
        } else {
          detectors.add(f.create(s));
        }
      }
      b.hallucinationDetectors(detectors);
    }
    String hallucinated = s.string("hallucinatedPii", "warn");
    if (hallucinated.equals("off")) {
      b.noHallucinatedPiiCheck();
    } else {
      b.hallucinatedPii(Action.valueOf(hallucinated.toUpperCase(Locale.ROOT)));
    }
    b.maxInputChars((int) s.integer("maxInputChars", 0)).maxInputTokens((int) s.integer("maxInputTokens", 0))
        .maxMessages((int) s.integer("maxMessages", 0))
        .streamWindow((int) s.integer("streamWindow", GuardrailPlugin.DEFAULT_WINDOW));
    return b;
  }

  private static Map<String, GuardrailFactory> factories() {
    Map<String, GuardrailFactory> byType = new LinkedHashMap<>();
    for (GuardrailFactory f : ServiceLoader.load(GuardrailFactory.class, GuardrailsPluginFactory.class.getClassLoader())) {
      byType.putIfAbsent(f.type(), f);
    }
    return byType;
  }
}
