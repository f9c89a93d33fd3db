/**
 * The endpoint's machinery: request controls, answer headers, error replies, the streamed-answer
 * pump, the admin API and its JSON. Not public
 * API: types here may change in any release.
 */
@NullMarked
package dev.aegis.providers.openai.server.internal;

import org.jspecify.annotations.NullMarked;
