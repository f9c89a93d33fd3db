/**
 * The Mock provider: deterministic, configurable, no network.
 */
@NullMarked
package dev.aegis.providers.mock;

import org.jspecify.annotations.NullMarked;
