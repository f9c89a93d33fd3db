/**
 * The guardrails in configuration files: the {@code guardrails} plugin type and one
 * {@link dev.aegis.api.config.GuardrailFactory} per built-in detector ({@code type: pii},
 * {@code type: regex}, ...), all found through {@link java.util.ServiceLoader}.
 */
@NullMarked
package dev.aegis.guardrails.config;

import org.jspecify.annotations.NullMarked;
