/**
 * The endpoint's machinery: request controls, error replies, the streamed-answer pump. Not public
 * API: types here may change in any release.
 */
@NullMarked
package dev.aegis.providers.openai.server.internal;

import org.jspecify.annotations.NullMarked;
