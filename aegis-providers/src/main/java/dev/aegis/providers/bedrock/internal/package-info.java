/**
 * Bedrock wire codec: Converse request encoding, response and event-stream decoding, error mapping. Not public API.
 */
@NullMarked
package dev.aegis.providers.bedrock.internal;

import org.jspecify.annotations.NullMarked;
