/**
 * Configuration contracts: the settings a configurable type declares ({@link dev.aegis.api.config.Setting},
 * {@link dev.aegis.api.config.SettingsSpec}), the validated values it receives
 * ({@link dev.aegis.api.config.Settings}), the {@link java.util.ServiceLoader} factories through which a
 * configuration file names plugins, guardrails and stores by {@code type}, and the
 * {@link dev.aegis.api.config.SecretResolver} SPI behind {@code ${scheme:name}} references.
 *
 * <p>One declaration drives validation, did-you-mean hints and the generated documentation, for
 * built-in and third-party types alike.
 */
@NullMarked
package dev.aegis.api.config;

import org.jspecify.annotations.NullMarked;
