/**
 * Routing specifications: {@link dev.aegis.core.routing.Target}s and the {@link dev.aegis.core.routing.Strategy} tree a model alias maps to.
 */
@NullMarked
package dev.aegis.core.routing;

import org.jspecify.annotations.NullMarked;
