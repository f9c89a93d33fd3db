/**
 * OpenAI-compatible providers: one adapter ({@link dev.aegis.providers.compat.OpenAiCompatibleProvider})
 * configured by a named {@link dev.aegis.providers.compat.Preset} (Groq, Mistral, Together,
 * DeepSeek, OpenRouter, Fireworks, xAI, Perplexity, Cerebras, vLLM, LM Studio, llama.cpp server,
 * or any base URL).
 */
@NullMarked
package dev.aegis.providers.compat;

import org.jspecify.annotations.NullMarked;
