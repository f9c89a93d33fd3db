/**
 * The Chat Completions wire format shared by the OpenAI, Azure OpenAI and OpenAI-compatible
 * adapters: request encoding, response and stream decoding, error decoding, and the HTTP client
 * that ties them together. Not public API: types here may change in any release.
 */
@NullMarked
package dev.aegis.providers.openai.internal;

import org.jspecify.annotations.NullMarked;
