/**
 * The OpenAI adapter (Chat Completions, embeddings, model listing): {@link
 * dev.aegis.providers.openai.OpenAiProvider}, created from configuration of type {@code openai}
 * by {@link dev.aegis.providers.openai.OpenAiProviderFactory}.
 */
@NullMarked
package dev.aegis.providers.openai;

import org.jspecify.annotations.NullMarked;
