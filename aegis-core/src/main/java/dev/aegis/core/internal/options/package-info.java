/**
 * The option groups behind {@link dev.aegis.core.Gateway.Builder}: routing, resilience,
 * governance, observability, plugins and lifecycle. Each group checks its own settings, reports a
 * refused value as a problem naming its path (so the builder reports every problem at once) and
 * copies itself explicitly, so a reload can start from what was set in code. Not public API; may
 * change without notice.
 */
@NullMarked
package dev.aegis.core.internal.options;

import org.jspecify.annotations.NullMarked;
