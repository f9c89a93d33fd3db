package dev.aegis.api.config;

import dev.aegis.api.guardrail.Guardrail;

/**
 * Creates a {@link Guardrail} detector from one rule of the guardrails plugin's configuration
 * ({@code rules: [{type: pii, action: redact}]}). Registered through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.aegis.api.config.GuardrailFactory}).
 *
 * <p>Implementations must be thread-safe and stateless.
 */
public interface GuardrailFactory extends Configurable {

  /**
   * Creates the detector.
   *
   * @throws dev.aegis.api.error.ConfigException naming every invalid setting by path
   */
  Guardrail create(Settings settings);
}
