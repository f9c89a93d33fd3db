/**
 * The Anthropic Messages API adapter.
 */
@NullMarked
package dev.aegis.providers.anthropic;

import org.jspecify.annotations.NullMarked;
