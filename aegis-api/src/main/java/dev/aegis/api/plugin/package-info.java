/**
 * The plugin contract: stage methods that the one pipeline calls in a fixed order, identically on every door.
 */
@NullMarked
package dev.aegis.api.plugin;

import org.jspecify.annotations.NullMarked;
