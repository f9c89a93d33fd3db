/**
 * Aegis core: the {@link dev.aegis.core.Gateway} engine and its builder.
 */
@NullMarked
package dev.aegis.core;

import org.jspecify.annotations.NullMarked;
