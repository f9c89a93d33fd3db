package dev.aegis.guardrails.detect;

import java.util.Set;

/**
 * The finding types the built-in detectors report ({@link dev.aegis.api.guardrail.Finding#type()}).
 * Also the tags used by redaction ({@code [EMAIL]}) and masking ({@code <EMAIL_1>}).
 *
 * <p>Constants only; thread-safe.
 */
public final class FindingTypes {
  private FindingTypes() {}

  public static final String EMAIL = "EMAIL";
  /** E.164 and North-American phone numbers. */
  public static final String PHONE = "PHONE";
  /** US social security numbers. */
  public static final String SSN = "SSN";
  /** Payment card numbers (Luhn and brand-prefix checked). */
  public static final String CREDIT_CARD = "CREDIT_CARD";
  public static final String IBAN = "IBAN";
  /** Canadian social insurance numbers. */
  public static final String CA_SIN = "CA_SIN";
  /** IPv4 and IPv6 addresses. */
  public static final String IP_ADDRESS = "IP_ADDRESS";

  public static final String AWS_ACCESS_KEY = "AWS_ACCESS_KEY";
  public static final String OPENAI_KEY = "OPENAI_KEY";
  public static final String ANTHROPIC_KEY = "ANTHROPIC_KEY";
  public static final String GITHUB_TOKEN = "GITHUB_TOKEN";
  public static final String SLACK_TOKEN = "SLACK_TOKEN";
  public static final String GOOGLE_API_KEY = "GOOGLE_API_KEY";
  public static final String JWT = "JWT";
  public static final String PRIVATE_KEY = "PRIVATE_KEY";
  public static final String BEARER_TOKEN = "BEARER_TOKEN";

  /** Keyword-list matches (unless the list names its own type). */
  public static final String KEYWORD = "KEYWORD";
  public static final String PROMPT_INJECTION = "PROMPT_INJECTION";

  /** The personal-data types. */
  public static final Set<String> PII = Set.of(EMAIL, PHONE, SSN, CREDIT_CARD, IBAN, CA_SIN, IP_ADDRESS);

  /** The credential types. */
  public static final Set<String> SECRETS = Set.of(AWS_ACCESS_KEY, OPENAI_KEY, ANTHROPIC_KEY, GITHUB_TOKEN,
      SLACK_TOKEN, GOOGLE_API_KEY, JWT, PRIVATE_KEY, BEARER_TOKEN);
}
