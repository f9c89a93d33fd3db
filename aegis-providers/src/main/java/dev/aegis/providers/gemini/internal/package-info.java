/**
 * Gemini wire codec: request encoding, response and stream decoding, error mapping. Not public API.
 */
@NullMarked
package dev.aegis.providers.gemini.internal;

import org.jspecify.annotations.NullMarked;
