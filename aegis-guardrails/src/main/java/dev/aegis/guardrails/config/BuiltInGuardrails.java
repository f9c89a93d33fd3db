package dev.aegis.guardrails.config;

import dev.aegis.api.config.GuardrailFactory;
import dev.aegis.api.config.Setting;
import dev.aegis.api.config.SettingType;
import dev.aegis.api.config.Settings;
import dev.aegis.api.config.SettingsSpec;
import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.detect.Detectors;
import dev.aegis.guardrails.detect.KeywordDetector;
import dev.aegis.guardrails.detect.PromptInjectionDetector;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The factories of the built-in detectors, one public nested type per {@code type} name (as
 * {@link java.util.ServiceLoader} needs): {@code email}, {@code phone}, {@code us-ssn},
 * {@code payment-card}, {@code iban}, {@code ca-sin}, {@code ip-address}, {@code pii},
 * {@code secrets}, {@code prompt-injection}, {@code regex} and {@code keywords}.
 *
 * <p>Thread-safe and stateless.
 */
public abstract class BuiltInGuardrails implements GuardrailFactory {
  private final String type;
  private final String description;

  BuiltInGuardrails(String type, String description) {
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

  /** A detector with no settings of its own. */
  abstract static class Fixed extends BuiltInGuardrails {
    private final Supplier<Guardrail> detector;

    Fixed(String type, String description, Supplier<Guardrail> detector) {
      super(type, description);
      this.detector = detector;
    }

    @Override
    public Guardrail create(Settings settings) {
      return detector.get();
    }
  }

  /** Type {@code email}. */
  public static final class Email extends Fixed {
    public Email() { super("email", "E-mail addresses.", Detectors::email); }
  }

  /** Type {@code phone}. */
  public static final class Phone extends Fixed {
    public Phone() { super("phone", "Phone numbers.", Detectors::phone); }
  }

  /** Type {@code us-ssn}. */
  public static final class UsSsn extends Fixed {
    public UsSsn() { super("us-ssn", "US social security numbers.", Detectors::usSsn); }
  }

  /** Type {@code payment-card}. */
  public static final class PaymentCard extends Fixed {
    public PaymentCard() { super("payment-card", "Payment card numbers (Luhn-checked).", Detectors::paymentCard); }
  }

  /** Type {@code iban}. */
  public static final class Iban extends Fixed {
    public Iban() { super("iban", "IBANs (checksum-checked).", Detectors::iban); }
  }

  /** Type {@code ca-sin}. */
  public static final class CaSin extends Fixed {
    public CaSin() { super("ca-sin", "Canadian social insurance numbers.", Detectors::caSin); }
  }

  /** Type {@code ip-address}. */
  public static final class IpAddress extends Fixed {
    public IpAddress() { super("ip-address", "IPv4 and IPv6 addresses.", Detectors::ipAddress); }
  }

  /** Type {@code pii}. */
  public static final class Pii extends Fixed {
    public Pii() { super("pii", "Every built-in PII detector together.", Detectors::pii); }
  }

  /** Type {@code secrets}. */
  public static final class Secrets extends Fixed {
    public Secrets() { super("secrets", "API keys and tokens (AWS, OpenAI, GitHub, Slack, JWT, ...).", Detectors::secrets); }
  }

  /** Type {@code prompt-injection}. */
  public static final class PromptInjection extends BuiltInGuardrails {
    public PromptInjection() { super("prompt-injection", "The prompt-injection phrase heuristic."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(Setting.builder("threshold", SettingType.DECIMAL).doc("The score that reports, in (0, 1].")
          .defaultValue("0.5").min(0, true).build());
    }

    @Override
    public Guardrail create(Settings s) {
      Double t = s.decimal("threshold");
      if (t == null) {
        return Detectors.promptInjection();
      }
      try {
        return PromptInjectionDetector.withThreshold(t);
      } catch (ConfigException e) {
        throw s.problem("threshold", "must be in (0, 1] but was " + t);
      }
    }
  }

  /** Type {@code regex}. */
  public static final class Regex extends BuiltInGuardrails {
    public Regex() { super("regex", "A custom regular expression."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(
          Setting.builder("pattern", SettingType.STRING).doc("The regular expression.").required().build(),
          Setting.builder("findingType", SettingType.STRING).doc("The finding type; default: the rule name upper-cased.")
              .build());
    }

    @Override
    public Guardrail create(Settings s) {
      String name = s.string("name", "regex");
      String type = s.string("findingType", name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
      try {
        return Detectors.regex(name, type, s.string("pattern", ""));
      } catch (ConfigException e) {
        throw s.problem("pattern", e.problems().get(0).rule());
      }
    }
  }

  /** Type {@code keywords}. */
  public static final class Keywords extends BuiltInGuardrails {
    public Keywords() { super("keywords", "A keyword list (Aho-Corasick)."); }

    @Override
    public SettingsSpec settings() {
      return SettingsSpec.of(
          Setting.builder("words", SettingType.STRING_LIST).doc("The keywords.").required().build(),
          Setting.builder("wholeWord", SettingType.BOOLEAN).doc("Match whole words only.").defaultValue("true").build());
    }

    @Override
    public Guardrail create(Settings s) {
      try {
        return KeywordDetector.builder().name(s.string("name", "keywords")).wholeWord(s.bool("wholeWord", true))
            .addAll(s.strings("words")).build();
      } catch (ConfigException e) {
        throw s.problem("words", e.problems().get(0).rule());
      }
    }
  }
}
