/**
 * Ollama's native wire format ({@code /api/chat}, {@code /api/embed}, {@code /api/tags}). Not
 * public API: types here may change in any release.
 */
@NullMarked
package dev.aegis.providers.ollama.internal;

import org.jspecify.annotations.NullMarked;
