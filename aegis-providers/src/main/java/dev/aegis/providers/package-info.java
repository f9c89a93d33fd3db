/**
 * Provider adapters: outbound wire protocols (OpenAI and compatibles, Azure, Anthropic, Gemini, Bedrock, Ollama) and the Mock provider.
 */
@NullMarked
package dev.aegis.providers;

import org.jspecify.annotations.NullMarked;
