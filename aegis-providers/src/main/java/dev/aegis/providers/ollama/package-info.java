/**
 * The Ollama adapter (native API: {@code /api/chat} with NDJSON streaming, {@code /api/embed},
 * {@code /api/tags}): {@link dev.aegis.providers.ollama.OllamaProvider}, created from configuration
 * of type {@code ollama} by {@link dev.aegis.providers.ollama.OllamaProviderFactory}.
 */
@NullMarked
package dev.aegis.providers.ollama;

import org.jspecify.annotations.NullMarked;
