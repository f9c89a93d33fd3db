/**
 * The Azure OpenAI adapter: {@link dev.aegis.providers.azure.AzureOpenAiProvider}, created from
 * configuration of type {@code azure-openai} by {@link dev.aegis.providers.azure.AzureOpenAiProviderFactory}.
 */
@NullMarked
package dev.aegis.providers.azure;

import org.jspecify.annotations.NullMarked;
