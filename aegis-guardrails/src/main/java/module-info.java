/**
 * Aegis guardrails: the built-in detectors and the guardrail plugin. Depends on aegis-api only.
 *
 * <p>{@code dev.aegis.guardrails.internal} is not exported.
 */
module dev.aegis.guardrails {
  requires transitive dev.aegis.api;
  requires static org.jspecify;

  exports dev.aegis.guardrails;
  exports dev.aegis.guardrails.detect;
  exports dev.aegis.guardrails.config;

  uses dev.aegis.api.config.GuardrailFactory;
  provides dev.aegis.api.config.PluginFactory with dev.aegis.guardrails.config.GuardrailsPluginFactory;
  provides dev.aegis.api.config.GuardrailFactory with
      dev.aegis.guardrails.config.BuiltInGuardrails.Email,
      dev.aegis.guardrails.config.BuiltInGuardrails.Phone,
      dev.aegis.guardrails.config.BuiltInGuardrails.UsSsn,
      dev.aegis.guardrails.config.BuiltInGuardrails.PaymentCard,
      dev.aegis.guardrails.config.BuiltInGuardrails.Iban,
      dev.aegis.guardrails.config.BuiltInGuardrails.CaSin,
      dev.aegis.guardrails.config.BuiltInGuardrails.IpAddress,
      dev.aegis.guardrails.config.BuiltInGuardrails.Pii,
      dev.aegis.guardrails.config.BuiltInGuardrails.Secrets,
      dev.aegis.guardrails.config.BuiltInGuardrails.PromptInjection,
      dev.aegis.guardrails.config.BuiltInGuardrails.Regex,
      dev.aegis.guardrails.config.BuiltInGuardrails.Keywords;
}
