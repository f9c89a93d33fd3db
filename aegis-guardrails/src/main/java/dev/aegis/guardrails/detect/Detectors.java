package dev.aegis.guardrails.detect;

import dev.aegis.api.error.ConfigException;
import dev.aegis.api.guardrail.Guardrail;
import dev.aegis.guardrails.internal.Builtins;
import dev.aegis.guardrails.internal.CompositeGuardrail;
import dev.aegis.guardrails.internal.PatternDetector;
import dev.aegis.guardrails.internal.PromptInjectionScan;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in detectors. Each is a stateless, precompiled {@link Guardrail}: text in, findings
 * out, types from {@link FindingTypes}. Candidates found by a pattern are validated where the
 * format allows it (Luhn for cards and SINs, mod-97 for IBANs, impossible SSN ranges, NANP area
 * codes), so near-misses such as order numbers, ISBNs and hashes are not reported.
 *
 * <pre>{@code
 * List<Finding> found = Detectors.pii().scan("mail me at jane@example.com");
 * // [Finding[type=EMAIL, start=11, end=27, ...]]
 * }</pre>
 *
 * <p>Every detector returned is immutable and thread-safe; the factory methods return shared
 * instances where there is nothing to configure.
 */
public final class Detectors {
  private Detectors() {}

  private static final Guardrail IP = new CompositeGuardrail("ip-address",
      List.of(Builtins.IPV4_DETECTOR, Builtins.IPV6_DETECTOR));

  private static final Guardrail PII = new CompositeGuardrail("pii", List.of(Builtins.EMAIL_DETECTOR,
      Builtins.PHONE_DETECTOR, Builtins.SSN_DETECTOR, Builtins.CARD_DETECTOR, Builtins.IBAN_DETECTOR,
      Builtins.CA_SIN_DETECTOR, IP));

  private static final Guardrail SECRETS = new CompositeGuardrail("secrets", List.of(Builtins.AWS_DETECTOR,
      Builtins.OPENAI_DETECTOR, Builtins.ANTHROPIC_DETECTOR, Builtins.GITHUB_DETECTOR, Builtins.SLACK_DETECTOR,
      Builtins.GOOGLE_DETECTOR, Builtins.JWT_DETECTOR, Builtins.PRIVATE_KEY_DETECTOR, Builtins.BEARER_DETECTOR));

  /** Email addresses; not URL user-info ({@code https://user@host}) nor asset names ({@code icon@2x.png}). */
  public static Guardrail email() {
    return Builtins.EMAIL_DETECTOR;
  }

  /** Phone numbers: E.164 ({@code +14155552671}, {@code +44 20 7183 8750}) and North-American formats. */
  public static Guardrail phone() {
    return Builtins.PHONE_DETECTOR;
  }

  /**
   * US social security numbers, {@code 123-45-6789} or spaced; bare nine digits only next to
   * "SSN" or "social security". Area 000, 666 and 900-999, group 00 and serial 0000 are rejected.
   */
  public static Guardrail usSsn() {
    return Builtins.SSN_DETECTOR;
  }

  /**
   * Payment card numbers of 13 to 19 digits, plain or grouped with spaces or dashes, accepted only
   * with a valid Luhn check digit and a known brand prefix and length (Visa, Mastercard, American
   * Express, Discover, JCB, Diners Club, UnionPay, Maestro).
   */
  public static Guardrail paymentCard() {
    return Builtins.CARD_DETECTOR;
  }

  /** IBANs, compact or in groups of four, checked against the country's length and mod-97. */
  public static Guardrail iban() {
    return Builtins.IBAN_DETECTOR;
  }

  /**
   * Canadian social insurance numbers ({@code 046 454 286}), Luhn-checked; bare nine digits only
   * next to "SIN", "NAS" or "social insurance".
   */
  public static Guardrail caSin() {
    return Builtins.CA_SIN_DETECTOR;
  }

  /** IPv4 and IPv6 addresses (type {@code IP_ADDRESS}). */
  public static Guardrail ipAddress() {
    return IP;
  }

  /** Every PII detector above, findings merged in start order. */
  public static Guardrail pii() {
    return PII;
  }

  /**
   * Credentials: AWS access key ids ({@code AKIA}/{@code ASIA}...), OpenAI ({@code sk-},
   * {@code sk-proj-}), Anthropic ({@code sk-ant-}), GitHub ({@code ghp_}, {@code github_pat_}...),
   * Slack ({@code xoxb-}...), Google API keys ({@code AIza}...), JWTs, PEM private-key blocks and
   * generic {@code Bearer} tokens.
   */
  public static Guardrail secrets() {
    return SECRETS;
  }

  /**
   * A custom regular-expression detector reporting {@code type} for every match.
   *
   * @param name the rule name, used in the error path
   * @throws ConfigException naming {@code guardrails.rules.<name>.pattern} if the pattern is invalid
   */
  public static Guardrail regex(String name, String type, String regex) {
    String path = "guardrails.rules." + name + ".pattern";
    if (regex.isEmpty()) {
      throw ConfigException.of(path, "must not be empty");
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw ConfigException.of(path, "invalid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
    if (compiled.matcher("").matches()) {
      throw ConfigException.of(path, "must not match the empty string");
    }
    return new PatternDetector(name, type.toUpperCase(Locale.ROOT), compiled, 0, 0.9,
        PatternDetector.Validator.ANY);
  }

  /** A keyword-list detector; see {@link KeywordDetector#builder()} for the options. */
  public static KeywordDetector keywords(String... words) {
    return KeywordDetector.builder().addAll(List.of(words)).build();
  }

  /** The prompt-injection heuristic with its default threshold. */
  public static PromptInjectionDetector promptInjection() {
    return PromptInjectionScan.DEFAULT;
  }
}
