/**
 * Guardrail detectors (text in, findings out) and the token estimator SPI.
 */
@NullMarked
package dev.aegis.api.guardrail;

import org.jspecify.annotations.NullMarked;
