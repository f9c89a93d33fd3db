/**
 * The Google Gemini (Generative Language API) adapter.
 */
@NullMarked
package dev.aegis.providers.gemini;

import org.jspecify.annotations.NullMarked;
